package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.ModelFile;

/** Whole runs of {@code neuronkit train}, {@code eval} and {@code predict} on small data. */
class TrainRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void runFolderHoldsMetricsReportModelAndCharts() throws Exception {
        Path runDir = dir.resolve("run");
        Result result = run("train", "--epochs", "3", "--hidden", "32", "--schedule", "cosine", "--out", runDir.toString());
        assertEquals(0, result.code(), result.err());

        List<String> metrics = Files.readAllLines(runDir.resolve("metrics.csv"));
        assertEquals(MetricsCsv.HEADER, metrics.get(0));
        assertEquals(4, metrics.size(), metrics.toString());
        JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());
        JsonNode epochs = report.get("per_epoch");
        for (int e = 0; e < 3; e++) {
            String[] row = metrics.get(e + 1).split(",");
            assertEquals(e + 1, Integer.parseInt(row[0]));
            assertEquals(epochs.get(e).get("train_loss").asDouble(), Double.parseDouble(row[1]), 0);
            assertEquals(epochs.get(e).get("validation_accuracy").asDouble(), Double.parseDouble(row[4]), 0);
            // cosine over 3 epochs: α₀ · ½(1 + cos(π e / 3))
            assertEquals(0.002 * 0.5 * (1 + Math.cos(Math.PI * e / 3)), Double.parseDouble(row[5]), 1e-12);
        }

        // the confusion matrix counts every test sample once, and its diagonal is the accuracy
        JsonNode matrix = report.get("confusion_matrix");
        long total = 0;
        long diagonal = 0;
        for (int a = 0; a < 10; a++) {
            for (int p = 0; p < 10; p++) {
                total += matrix.get(a).get(p).asLong();
            }
            diagonal += matrix.get(a).get(a).asLong();
        }
        assertEquals(359, total, "20 % of the 1,797 digits");
        assertEquals((double) diagonal / total, report.get("test_accuracy").asDouble(), 1e-12);
        JsonNode class3 = report.get("per_class").get(3);
        long predicted3 = 0;
        for (int a = 0; a < 10; a++) {
            predicted3 += matrix.get(a).get(3).asLong();
        }
        assertEquals((double) matrix.get(3).get(3).asLong() / predicted3, class3.get("precision").asDouble(), 1e-12);

        // the saved model, loaded independently, predicts the test split with the reported accuracy
        DataSet test = BundledDatasets.digits().split(0.8, 42).test();
        int[] predicted = ModelFile.load(runDir.resolve("model.safetensors")).predict(test.features());
        int[] labels = test.labels();
        long correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        assertEquals(report.get("test_accuracy").asDouble(), (double) correct / labels.length, 1e-12);

        for (String png : new String[] {"loss.png", "accuracy.png", "confusion.png"}) {
            BufferedImage image = ImageIO.read(runDir.resolve(png).toFile());
            assertNotNull(image, png + " is a PNG");
            assertEquals(800, image.getWidth(), png);
        }
        JsonNode settings = JSON.readTree(runDir.resolve("settings.json").toFile());
        assertEquals("cosine", settings.get("optimization").get("schedule").asText());
    }

    @Test
    void evalAndPredictAgreeWithTheModel() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("train", "--epochs", "2", "--hidden", "16", "--out", runDir.toString()).code());
        Path model = runDir.resolve("model.safetensors");
        JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());

        Result eval = run("eval", "--model", model.toString(), "--data", "digits");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().startsWith(String.format(java.util.Locale.ROOT, "accuracy %.4f (", report.get("test_accuracy").asDouble())), eval.out());
        assertTrue(eval.out().contains("confusion matrix") && eval.out().contains("macro average"), eval.out());

        // predict: raw features of 20 digits in a CSV file, a header and one "class,name,probability" line each
        DataSet digits = BundledDatasets.digits();
        INDArray x = digits.features().get(NDArrayIndex.interval(0, 20), NDArrayIndex.all());
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            csv.append(String.join(",", java.util.Arrays.stream(x.getRow(i).toDoubleVector()).mapToObj(Double::toString).toList())).append('\n');
        }
        Path input = Files.writeString(dir.resolve("x.csv"), csv);
        Path output = dir.resolve("predictions.csv");
        Result predict = run("predict", "--model", model.toString(), "--input", input.toString(), "--output", output.toString());
        assertEquals(0, predict.code(), predict.err());
        List<String> lines = Files.readAllLines(output);
        assertEquals(21, lines.size());
        assertEquals("class,name,probability", lines.get(0));
        ModelFile.Model loaded = ModelFile.load(model);
        int[] expected = loaded.predict(x);
        INDArray probabilities = loaded.output(x);
        for (int i = 0; i < 20; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(expected[i], Integer.parseInt(cells[0]), "row " + i);
            assertEquals(Integer.toString(expected[i]), cells[1], "the digits' class names are the digits");
            assertEquals(probabilities.getDouble(i, expected[i]), Double.parseDouble(cells[2]), 1e-6, "row " + i);
        }
        assertEquals(String.join("\n", lines) + "\n", run("predict", "--model", model.toString(), "--input", input.toString()).out()
                .replace(System.lineSeparator(), "\n"));
    }

    @Test
    void resumedRunEndsWithTheWeightsOfAnUninterruptedOne() throws Exception {
        String[] settings = {"--epochs", "4", "--hidden", "16", "--dropout", "0.2", "--schedule", "cosine", "--seed", "7", "--validation", "0.2",
                "--l1", "1e-4", "--class-weights", "balanced"};
        Path straight = dir.resolve("straight");
        assertEquals(0, run(concat(settings, "--out", straight.toString())).code());

        Path split = dir.resolve("split");
        Result first = run(concat(settings, "--out", split.toString(), "--stop-after", "2"));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("stopped after epoch 2 of 4; continue with: neuronkit train --resume"), first.out());
        assertFalse(Files.exists(split.resolve("model.safetensors")));
        Result second = run("train", "--resume", split.toString());
        assertEquals(0, second.code(), second.err());
        assertEquals(2, second.out().lines().filter(l -> l.startsWith("epoch ")).count(), second.out());

        assertArrayEquals(ModelFile.load(straight.resolve("model.safetensors")).network().parameters().toFloatVector(),
                ModelFile.load(split.resolve("model.safetensors")).network().parameters().toFloatVector(), 0f);
        List<String> a = Files.readAllLines(straight.resolve("metrics.csv"));
        List<String> b = Files.readAllLines(split.resolve("metrics.csv"));
        assertEquals(5, b.size());
        for (int i = 1; i < 5; i++) {
            // identical up to the timing columns
            assertEquals(a.get(i).substring(0, nthComma(a.get(i), 6)), b.get(i).substring(0, nthComma(b.get(i), 6)));
        }

        Result again = run("train", "--resume", split.toString());
        assertEquals(ExitCode.CONFIGURATION.code, again.code());
        assertTrue(again.err().startsWith("neuronkit: cannot resume: the run in " + split + " has finished"), again.err());
        Result changed = run("train", "--resume", split.toString(), "--lr", "0.1");
        assertEquals("neuronkit: --resume continues with the run's saved settings; --learning-rate cannot be changed"
                + " (only --epochs, --stop-after, --data-dir, --diagnose, --diagnose-every, --device, --on-diverge, --ui and --ui-bind"
                + " can be given with --resume)",
                changed.err().strip());
    }

    @Test
    void earlyStoppingKeepsTheBestModel() throws Exception {
        Path runDir = dir.resolve("run");
        // a high learning rate: the validation loss soon stops falling
        String[] settings = {"--epochs", "40", "--hidden", "64", "--lr", "0.02", "--patience", "2"};
        Result result = run(concat(settings, "--out", runDir.toString()));
        assertEquals(0, result.code(), result.err());
        JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());
        assertTrue(report.get("stopped_early").asBoolean(), result.out());
        int best = report.get("best_epoch").asInt();
        JsonNode epochs = report.get("per_epoch");
        assertEquals(best + 2, epochs.size());
        for (JsonNode e : epochs) {
            assertTrue(e.get("validation_loss").asDouble() >= epochs.get(best - 1).get("validation_loss").asDouble());
        }
        float[] model = ModelFile.load(runDir.resolve("model.safetensors")).network().parameters().toFloatVector();
        assertArrayEquals(ModelFile.load(runDir.resolve("best.safetensors")).network().parameters().toFloatVector(), model, 0f);

        // interrupted one epoch after the best and resumed: the early stopping continues where it was
        Path split = dir.resolve("split");
        assertEquals(0, run(concat(settings, "--out", split.toString(), "--stop-after", Integer.toString(best + 1))).code());
        Result resumed = run("train", "--resume", split.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("stopped early after epoch " + (best + 2) + ": no better validation-loss since epoch " + best
                + "; the model is epoch " + best + "'s"), resumed.out());
        assertArrayEquals(model, ModelFile.load(split.resolve("model.safetensors")).network().parameters().toFloatVector(), 0f);
    }

    @Test
    void normaliserIsFittedOnTheTrainingSplitOnly() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("train", "--normalize", "standardize", "--epochs", "1", "--hidden", "8", "--out", runDir.toString()).code());
        java.util.Map<String, INDArray> params = ModelFile.load(runDir.resolve("model.safetensors")).normalizer().params();
        // the same splits as the command: 80/20 train/test with the seed, then 90/10 train/validation with seed + 1
        DataSet trainAndValidation = BundledDatasets.digits().split(0.8, 42).train();
        double[][] train = trainAndValidation.split(0.9, 43).train().features().toDoubleMatrix();
        double[][] both = trainAndValidation.features().toDoubleMatrix();
        for (int j : new int[] {10, 27, 45}) {
            assertEquals(columnMean(train, j), params.get("shift").getDouble(j), 1e-5, "pixel " + j);
            assertNotEquals(columnMean(both, j), params.get("shift").getDouble(j), 1e-5, "validation rows left out, pixel " + j);
        }
    }

    private static double columnMean(double[][] rows, int column) {
        double sum = 0;
        for (double[] row : rows) {
            sum += row[column];
        }
        return sum / rows.length;
    }

    @Test
    void fashionMnistSliceTrainsFromTheDataDirectory() throws Exception {
        Path data = SharedDatasets.fashionMnist().orElse(null);
        Assumptions.assumeTrue(data != null, "the shared Fashion-MNIST files are not beside the project");
        Path runDir = dir.resolve("run");
        Result result = run("train", "--dataset", "fashion-mnist", "--data-dir", data.toString(), "--limit", "2000", "--epochs", "3",
                "--hidden", "64", "--batch-size", "64", "--out", runDir.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("dataset fashion-mnist: 1,800 training, 200 validation, 2,000 test samples, 784 features, 10 classes"),
                result.out());
        assertTrue(result.out().contains("normalisation minmax(global)"), result.out());
        JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());
        assertTrue(report.get("test_accuracy").asDouble() > 0.7, report.get("test_accuracy").toString());
        assertEquals("Ankle boot", report.get("per_class").get(9).get("name").asText());
        assertEquals(ModelFile.load(runDir.resolve("model.safetensors")).normalizer().spec(), "minmax(global)");
    }

    @Test
    void irisIsFoundInTheDataDirectoryWithItsClassNames() throws Exception {
        Path data = SharedDatasets.datasets().orElse(null);
        Assumptions.assumeTrue(data != null, "the shared datasets are not beside the project");
        Path runDir = dir.resolve("run");
        Result result = run("train", "--dataset", "iris", "--data-dir", data.toString(), "--epochs", "30", "--hidden", "16",
                "--batch-size", "8", "--lr", "0.01", "--out", runDir.toString());
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("dataset iris: 108 training, 12 validation, 30 test samples, 4 features, 3 classes"), result.out());
        assertTrue(result.out().contains("normalisation standardize"), result.out());
        JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());
        assertEquals("virginica", report.get("per_class").get(2).get("name").asText());
        assertTrue(report.get("test_accuracy").asDouble() >= 0.85, report.get("test_accuracy").toString());
        Result eval = run("eval", "--model", runDir.resolve("model.safetensors").toString(), "--data", "iris", "--data-dir", data.toString());
        assertTrue(eval.out().contains("2 virginica"), eval.out());
    }

    private static int nthComma(String s, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(',', at + 1);
        }
        return at;
    }

    private static String[] concat(String[] settings, String... more) {
        String[] all = new String[settings.length + more.length + 1];
        all[0] = "train";
        System.arraycopy(settings, 0, all, 1, settings.length);
        System.arraycopy(more, 0, all, 1 + settings.length, more.length);
        return all;
    }
}
