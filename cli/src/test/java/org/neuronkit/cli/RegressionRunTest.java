package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.eval.RegressionErrors;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.ModelFile;

/** {@code train --task regression}, then {@code eval} and {@code predict} on the regression model, beside a least-squares baseline. */
class RegressionRunTest {
    @TempDir
    Path dir;

    /** Trains into run folder {@code name} with {@code options}; returns the standard output and the run's report. */
    private Trained train(String name, String... options) throws Exception {
        Path runDir = dir.resolve(name);
        String[] args = Stream.concat(Stream.of("train", "--out", runDir.toString()),
                Arrays.stream(options)).toArray(String[]::new);
        Result result = run(args);
        assertEquals(0, result.code(), result.err());
        return new Trained(runDir, result.out(), new ObjectMapper().readTree(runDir.resolve("report.json").toFile()));
    }

    private record Trained(Path runDir, String out, JsonNode report) {
        String model() {
            return runDir.resolve("model.safetensors").toString();
        }
    }

    /**
     * The bundled diabetes set (442 patients, 10 features, one target), split 80/20 with seed 42: an
     * MLP of 8 relu units reaches the least-squares line's test error (the data are close to linear).
     */
    @Test
    void diabetesReachesTheLinearBaseline() throws Exception {
        Trained run = train("diabetes", "--dataset", "diabetes", "--task", "regression", "--hidden", "8", "--lr", "0.01", "--epochs", "20",
                "--validation", "0");
        JsonNode report = run.report();
        double rmse = report.get("test_rmse").asDouble();
        double r2 = report.get("test_r2").asDouble();

        NamedDataset data = NamedDataset.load("diabetes", null, Map.of(), false, 42, 1);
        RegressionErrors linear = LeastSquares.fit(data.train()).errors(data.test());
        System.out.printf(Locale.ROOT, "diabetes test set: MLP RMSE %.2f, R² %.3f; least squares RMSE %.2f, R² %.3f%n",
                rmse, r2, linear.rmse(), linear.r2());
        assertEquals(50.97, linear.rmse(), 0.01, "the least-squares line on this split");
        assertTrue(rmse < 1.03 * linear.rmse() && r2 > linear.r2() - 0.02 && r2 > 0.48,
                "MLP RMSE " + rmse + ", R² " + r2 + " vs least squares " + linear);

        // the report agrees with the saved model evaluated independently on the same test part
        ModelFile.Model model = ModelFile.load(Path.of(run.model()));
        assertEquals(List.of("progression"), model.outputNames());
        INDArray predicted = model.output(data.test().features());
        RegressionErrors own = RegressionErrors.of(predicted, data.test().targets());
        assertEquals(own.rmse(), rmse, 1e-3 * rmse);
        assertEquals(own.mae(), report.get("test_mae").asDouble(), 1e-3 * own.mae());
        assertTrue(Files.size(run.runDir().resolve(RunCharts.PREDICTED)) > 1000, "the predicted-vs-true chart");

        Result eval = run("eval", "--model", run.model());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().startsWith("regression on 88 samples: " + own.toString().substring(0, own.toString().indexOf(","))),
                eval.out() + " vs " + own);
    }

    /**
     * With default settings (no --lr, --hidden or --epochs) regression trains on standardised targets
     * and reaches the least-squares line's R²: on unscaled targets 25–346 it reached R² −0.83. The model
     * file carries the targets' μ and σ, and its outputs are in the targets' units.
     */
    @Test
    void defaultSettingsReachTheLinearBaseline() throws Exception {
        Trained run = train("defaults", "--dataset", "diabetes", "--task", "regression");
        double r2 = run.report().get("test_r2").asDouble();
        NamedDataset data = NamedDataset.load("diabetes", null, Map.of(), false, 42, 1);
        RegressionErrors linear = LeastSquares.fit(data.train()).errors(data.test());
        System.out.printf(Locale.ROOT, "diabetes, default settings: MLP RMSE %.2f, R² %.3f; least squares RMSE %.2f, R² %.3f%n",
                run.report().get("test_rmse").asDouble(), r2, linear.rmse(), linear.r2());
        assertTrue(r2 > linear.r2() - 0.06, "R² " + r2 + " vs least squares " + linear);

        ModelFile.Model model = ModelFile.load(Path.of(run.model()));
        DataSet train = data.train().split(0.9, 43).train();
        double mean = train.targets().meanNumber().doubleValue();
        assertEquals(mean, model.targetScaling().params().get("shift").getDouble(0), 1e-3, "μ of the training part's targets");
        assertEquals(train.targets().stdNumber().doubleValue() * Math.sqrt((train.size() - 1.0) / train.size()),
                model.targetScaling().params().get("scale").getDouble(0), 1e-3, "σ (population) of the training part's targets");
        double predictedMean = model.output(data.test().features()).meanNumber().doubleValue();
        assertEquals(mean, predictedMean, 30, "predictions in the targets' units (25–346), not standardised ones");

        // the ONNX graph undoes the scaling too: export, import back, the same outputs in the targets' units
        Result export = run("export", "--model", run.runDir().toString(), "--out", dir.resolve("r.onnx").toString());
        assertEquals(0, export.code(), export.err());
        Result imported = run("import", "--onnx", dir.resolve("r.onnx").toString(), "--out", dir.resolve("r.safetensors").toString());
        assertEquals(0, imported.code(), imported.err());
        INDArray back = ModelFile.load(dir.resolve("r.safetensors")).output(data.test().features());
        assertEquals(0, model.output(data.test().features()).sub(back).amaxNumber().doubleValue(), 1e-3, "outputs after export and import");
    }

    /**
     * A CSV file the test writes (semicolon-separated, with a header): two targets of three features,
     * one linear and one not. The MLP fits both; the least-squares baseline cannot fit the second.
     */
    @Test
    void syntheticCsvWithTwoTargetsTrainsEvaluatesAndPredicts() throws Exception {
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("a;b;c;linear;curved\n");
        StringBuilder inputs = new StringBuilder("a;b;c\n");
        double[][] expected = new double[5][];
        for (int i = 0; i < 400; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextDouble() * 4 - 2;
            double linear = 2 * a - b + 0.5;
            double curved = 3 * Math.sin(2 * c) + a * a;
            csv.append(String.format(Locale.ROOT, "%.5f;%.5f;%.5f;%.5f;%.5f%n", a, b, c, linear, curved));
            if (i < expected.length) {
                inputs.append(String.format(Locale.ROOT, "%.5f;%.5f;%.5f%n", a, b, c));
                expected[i] = new double[] {linear, curved};
            }
        }
        Path file = Files.writeString(dir.resolve("synthetic.csv"), csv);
        Trained run = train("synthetic", "--dataset", "csv:" + file, "--task", "regression", "--targets", "2", "--hidden", "64",
                "--lr", "0.01", "--epochs", "80", "--validation", "0");
        assertTrue(run.out().contains("3 features, 2 regression targets [linear, curved]"), run.out());
        JsonNode report = run.report();
        assertEquals("[\"linear\",\"curved\"]", report.get("targets").toString());
        NamedDataset data = NamedDataset.load("csv:" + file, null, Map.of(), false, 42, 2);
        RegressionErrors linear = LeastSquares.fit(data.train()).errors(data.test());
        double r2 = report.get("test_r2").asDouble();
        assertTrue(r2 > 0.95 && r2 > linear.r2() + 0.1, "MLP R² " + r2 + " vs least squares " + linear);

        Path predictions = dir.resolve("predictions.csv");
        Path inputFile = Files.writeString(dir.resolve("inputs.csv"), inputs);
        Result predict = run("predict", "--model", run.model(), "--input", inputFile.toString(),
                "--output", predictions.toString());
        assertEquals(0, predict.code(), predict.err());
        List<String> lines = Files.readAllLines(predictions);
        assertEquals("linear,curved", lines.get(0));
        assertEquals(expected.length + 1, lines.size());
        for (int i = 0; i < expected.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(expected[i][0], Double.parseDouble(cells[0]), 0.5, lines.get(i + 1));
            assertEquals(expected[i][1], Double.parseDouble(cells[1]), 1.0, lines.get(i + 1));
        }

        Result eval = run("eval", "--model", run.model(), "--data", "csv:" + file);
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("  linear: MSE") && eval.out().contains("  curved: MSE"), eval.out());

        for (String option : new String[] {"--top=1", "--probabilities"}) {
            Result ranked = run("predict", "--model", run.model(), "--input", inputFile.toString(), option);
            assertEquals(ExitCode.CONFIGURATION.code, ranked.code(), option + ": " + ranked.err());
            assertTrue(ranked.err().contains(option.replace("=1", "") + " is for classes, and " + run.model() + " is a regression model"),
                    ranked.err());
        }
    }

    @Test
    void regressionOptionsAreCheckedBeforeAnyDataIsRead() {
        Result digits = run("train", "--dataset", "digits", "--task", "regression", "--out", dir.resolve("a").toString());
        assertEquals("neuronkit: --task regression reads its targets from a CSV file: give --data csv:PATH (or the bundled diabetes),"
                + " not 'digits'", digits.err().strip());
        Result task = run("train", "--task", "ranking", "--out", dir.resolve("b").toString());
        assertEquals("neuronkit: unknown --task 'ranking'; known: classification, regression", task.err().strip());
        Result targets = run("train", "--dataset", "diabetes", "--task", "regression", "--targets", "0", "--out", dir.resolve("c").toString());
        assertEquals("neuronkit: --targets takes how many last columns are regression targets, at least 1, got 0", targets.err().strip());
        Result classify = run("train", "--dataset", "diabetes", "--out", dir.resolve("d").toString());
        assertEquals("neuronkit: diabetes is a regression set with one target: train it with --task regression (--targets 1)",
                classify.err().strip());
        Result loss = run("train", "--dataset", "diabetes", "--task", "regression", "--loss", "softmax-cross-entropy",
                "--out", dir.resolve("e").toString());
        assertEquals("neuronkit: --task regression needs a regression loss (squared-error, huber(δ), mae), not softmax-cross-entropy",
                loss.err().strip());
        assertFalse(Files.exists(dir.resolve("e")), "no run folder");
    }
}
