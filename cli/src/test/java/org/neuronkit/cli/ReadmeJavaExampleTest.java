package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.io.ModelFile;
import org.neuronkit.network.Network;

/**
 * The README's Java example compiles and runs as written: its imports and statements, put into a
 * {@code main} method, compiled against the project's classes and run in a plain JVM (no thread
 * variables, no launcher) whose working folder is a temporary one; the model file it saves loads back.
 */
class ReadmeJavaExampleTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmesJavaExampleCompilesAndRuns(@TempDir Path folder) throws Exception {
        String example = readmeJavaBlock();
        List<String> imports = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (String line : example.split("\n")) {
            if (line.startsWith("import ")) {
                imports.add(line);
            } else {
                body.append("        ").append(line).append('\n');
            }
        }
        String source = String.join("\n", imports) + "\n\npublic class ReadmeExample {\n"
                + "    public static void main(String[] args) throws Exception {\n" + body + "    }\n}\n";
        Path file = folder.resolve("ReadmeExample.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-cp", System.getProperty("java.class.path"), "-d", folder.toString(),
                file.toString());
        assertEquals(0, compiled, "the README's Java example does not compile:\n" + source);

        String output = runInPlainJvm(folder);
        Path model = folder.resolve(savedModelName(example));
        assertTrue(Files.exists(model), "no model file " + model + "; output:\n" + output);
        try (Network network = ModelFile.load(model).network()) {
            assertEquals(64, network.inputSize());
        }
        assertFalse(output.contains("Exception"), output);
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

    private static String runInPlainJvm(Path folder) throws IOException, InterruptedException {
        String classPath = folder + java.io.File.pathSeparator + System.getProperty("java.class.path");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", classPath, "ReadmeExample").directory(folder.toFile()).redirectErrorStream(true);
        List.of("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "ND4J_SKIP_BLAS_THREADS")
                .forEach(builder.environment()::remove);
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the example did not finish");
        assertEquals(0, child.exitValue(), output);
        return output;
    }
}
