package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.io.ModelFile;

/** {@code predict}'s header, class names, {@code --top}, {@code --probabilities} and standard input; {@code inspect}. */
class PredictAndInspectTest {
    @TempDir
    static Path dir;
    static Path run;
    static Path input;
    /** Two rows of raw digit features: all zeros, and a bright middle column. */
    @BeforeAll
    static void trainAndWriteTwoRows() throws Exception {
        run = dir.resolve("run");
        assertEquals(0, run("train", "--data", "digits", "--epochs", "1", "--hidden", "8", "--limit", "300", "--out", run.toString()).code());
        StringBuilder second = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            second.append(i == 0 ? "" : ",").append(i % 8 == 3 || i % 8 == 4 ? 16 : 0);
        }
        input = Files.writeString(dir.resolve("x.csv"), "0" + ",0".repeat(63) + "\n" + second + "\n");
    }

    private static INDArray probabilities() {
        return ModelFile.load(run.resolve("model.safetensors")).output(
                org.neuronkit.data.CsvReader.defaults().readFeatures(input));
    }

    @Test
    void predictWritesAHeaderTheClassNameAndAcceptsCsvData() {
        TrainCommandTest.Result result = run("predict", "--model", run.resolve("model.safetensors").toString(), "--data", "csv:" + input);
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("class,name,probability", lines.get(0));
        INDArray p = probabilities();
        for (int row = 0; row < 2; row++) {
            int best = Nd4j.argMax(p.getRow(row)).getInt(0);
            assertEquals(String.format(java.util.Locale.ROOT, "%d,%d,%.6f", best, best, p.getDouble(row, best)), lines.get(row + 1));
        }
    }

    @Test
    void topKListsTheMostProbableClassesInOrderAndProbabilitiesEveryClass() {
        TrainCommandTest.Result result = run("predict", "--model", run.toString(), "--input", input.toString(), "--top", "3",
                "--probabilities");
        assertEquals(0, result.code(), result.err());
        List<String> lines = result.out().lines().toList();
        assertEquals("class_1,name_1,probability_1,class_2,name_2,probability_2,class_3,name_3,probability_3,"
                + "p_0,p_1,p_2,p_3,p_4,p_5,p_6,p_7,p_8,p_9", lines.get(0));
        double[] p = probabilities().getRow(1).toDoubleVector();
        String[] cells = lines.get(2).split(",");
        assertEquals(9 + 10, cells.length);
        double previous = 1;
        for (int k = 0; k < 3; k++) {
            int c = Integer.parseInt(cells[3 * k]);
            double probability = Double.parseDouble(cells[3 * k + 2]);
            assertEquals(p[c], probability, 1e-6);
            assertTrue(probability <= previous, "most probable first: " + lines.get(2));
            previous = probability;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(p[c], Double.parseDouble(cells[9 + c]), 1e-6, "p_" + c);
            assertTrue(c == Integer.parseInt(cells[0]) || p[c] <= Double.parseDouble(cells[2]), "no class beats the first");
        }
    }

    @Test
    void aDashReadsStandardInputAndItsErrorsSaySo() throws Exception {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(input)));
            TrainCommandTest.Result fromStdin = run("predict", "--model", run.toString(), "--data", "-");
            assertEquals(run("predict", "--model", run.toString(), "--data", input.toString()).out(), fromStdin.out());
            System.setIn(new ByteArrayInputStream("1,2,x\n".getBytes(StandardCharsets.UTF_8)));
            TrainCommandTest.Result bad = run("predict", "--model", run.toString(), "--data", "-");
            assertEquals(ExitCode.DATA.code, bad.code());
            assertTrue(bad.err().startsWith("neuronkit: standard input, line 1, column 3: 'x'"), bad.err());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void topLargerThanTheClassesIsRefused() {
        TrainCommandTest.Result result = run("predict", "--model", run.toString(), "--data", input.toString(), "--top", "11");
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertEquals("neuronkit: --top 11: the model has 10 classes, so K must be between 1 and 10", result.err().strip());
    }

    @Test
    void classNamesWithACommaAreQuoted() {
        PredictionTable table = new PredictionTable(List.of("T-shirt/top", "a, b"), 1, true);
        assertEquals("1,\"a, b\",0.750000,0.250000,0.750000\n", table.format(Nd4j.createFromArray(new double[][] {{0.25, 0.75}}), "x")
                .lines().skip(1).findFirst().orElseThrow() + "\n");
        assertEquals(List.of("class", "name", "probability", "p_T-shirt/top", "\"p_a, b\""), table.header());
    }

    @Test
    void inspectShowsLayersParametersNormaliserSettingsAndMetrics() {
        TrainCommandTest.Result result = run("inspect", "--model", run.resolve("model.safetensors").toString());
        assertEquals(0, result.code(), result.err());
        String out = result.out();
        // 64·8 + 8 = 520 and 8·10 + 10 = 90 parameters
        assertTrue(out.contains("520 parameters") && out.contains("90 parameters") && out.contains("total") && out.contains("610 parameters"), out);
        assertTrue(out.contains("normaliser minmax(global)"), "the digits default, x/16, saved with the model: " + out);
        assertTrue(out.contains("classes 0, 1, 2, 3, 4, 5, 6, 7, 8, 9"), out);
        assertTrue(out.contains("  model.hidden") && out.matches("(?s).*\\n  optimization\\.epochs +1\\n.*"), out);
        assertTrue(out.contains("\n  1 epoch (best 1), "), "one epoch, not 1 epochs: " + out);
        assertTrue(out.matches("(?s).*metrics \\(.*report.json\\):\\n  test accuracy 0\\.\\d{4}, test loss \\d\\.\\d{4}.*"), out);
    }
}
