package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.io.ModelFile;

/**
 * The README's Java example, a complete class with {@code main}, compiles and runs as written: compiled
 * against the project's classes and run in a plain JVM (no thread variables, no launcher) whose working
 * folder is a temporary one; the model file it saves loads back and is right on the digits' raw rows.
 */
class ReadmeJavaExampleTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmesJavaExampleCompilesAndRuns(@TempDir Path folder) throws Exception {
        String source = readmeJavaBlock();
        Matcher declared = Pattern.compile("public class (\\w+)").matcher(source);
        assertTrue(declared.find(), "the README's example is a complete public class:\n" + source);
        String className = declared.group(1);
        Path file = folder.resolve(className + ".java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", folder.toString(),
                file.toString());
        assertEquals(0, compiled, "the README's Java example does not compile:\n" + source);

        String output = runInPlainJvm(folder, className);
        Path model = folder.resolve(savedModelName(source));
        assertTrue(Files.exists(model), "no model file " + model + "; output:\n" + output);
        ModelFile.Model saved = ModelFile.load(model);
        assertEquals(64, saved.network().inputSize());
        // the saved model takes the digits' raw rows, as predict and ONNX Runtime are given them
        RawDigits raw = RawDigits.read();
        int[] predicted = saved.predict(Nd4j.create(raw.rows()));
        long correct = IntStream.range(0, predicted.length).filter(i -> predicted[i] == raw.labels()[i]).count();
        assertTrue(correct >= 0.95 * predicted.length, "the saved model is right on " + correct + " of " + predicted.length + " raw rows");
        saved.network().close();
        assertFalse(output.contains("Exception"), output);
    }

    /** The bundled digits' rows as the file holds them (pixel counts 0–16), read here without BundledDatasets. */
    private record RawDigits(float[][] rows, int[] labels) {
        static RawDigits read() throws IOException {
            List<float[]> rows = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    BundledDatasets.class.getResourceAsStream("digits.csv.gz")), StandardCharsets.US_ASCII))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String[] cells = line.split(",");
                    float[] row = new float[64];
                    for (int j = 0; j < 64; j++) {
                        row[j] = Float.parseFloat(cells[j]);
                    }
                    rows.add(row);
                    labels.add(Integer.parseInt(cells[64]));
                }
            }
            return new RawDigits(rows.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private static String readmeJavaBlock() throws IOException {
        Path readme = Path.of("..", "README.md");
        Matcher block = JAVA_BLOCK.matcher(Files.readString(readme));
        assertTrue(block.find(), "README.md has no ```java block");
        return block.group(1);
    }

    /** The file name the example passes to {@code ModelFile.save}. */
    private static String savedModelName(String example) {
        Matcher save = Pattern.compile("ModelFile\\.save\\(.*Path\\.of\\(\"([^\"]+)\"\\)").matcher(example);
        assertTrue(save.find(), "the README's example saves no model file");
        return save.group(1);
    }

    private static String runInPlainJvm(Path folder, String className) throws IOException, InterruptedException {
        String classPath = folder + java.io.File.pathSeparator + System.getProperty("java.class.path");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classPath, className).directory(folder.toFile()).redirectErrorStream(true);
        List.of("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "ND4J_SKIP_BLAS_THREADS")
                .forEach(builder.environment()::remove);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the example did not finish");
        assertEquals(0, child.exitValue(), output);
        return output;
    }
}
