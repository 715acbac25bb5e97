package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.io.ModelFile;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Evaluation;

/** {@code train}'s controls on small digits runs: {@code --folds}, early stopping on a metric with restore-best, a plateau schedule. */
class TrainingControlsRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Column {@code column} of metrics.csv in {@code run}, one value per epoch. */
    private static List<Double> column(Path run, int column) throws Exception {
        List<Double> values = new ArrayList<>();
        List<String> lines = Files.readAllLines(run.resolve(MetricsCsv.FILE));
        for (String line : lines.subList(1, lines.size())) {
            values.add(Double.parseDouble(line.split(",")[column]));
        }
        return values;
    }

    @Test
    void foldsMakeOrdinaryRunsAndASummaryOfTheirValidationMetrics() throws Exception {
        Path out = dir.resolve("cv");
        Result result = run("train", "--folds", "3", "--epochs", "2", "--hidden", "16", "--limit", "300", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        JsonNode summary = JSON.readTree(out.resolve(CrossValidation.SUMMARY).toFile());
        assertEquals(3, summary.get("folds").asInt());
        String[] names = {"validation-loss", "validation-accuracy", "validation-f1"};
        int[] columns = {3, 4, 8};
        for (int m = 0; m < names.length; m++) {
            double sum = 0;
            double sumOfSquares = 0;
            for (int fold = 1; fold <= 3; fold++) {
                Path run = out.resolve("fold-" + fold);
                JsonNode settings = JSON.readTree(run.resolve(TrainSettings.FILE).toFile());
                assertEquals(fold, settings.get("data").get("fold").asInt());
                assertEquals(0, settings.get("data").get("validation").asDouble());
                assertTrue(Files.isRegularFile(run.resolve(TrainCommand.MODEL)));
                double value = column(run, columns[m]).get(1); // the model is the last (second) epoch's
                assertEquals(value, summary.get("metrics").get(names[m]).get("folds").get(fold - 1).asDouble(), 0, names[m]);
                sum += value;
                sumOfSquares += value * value;
            }
            double mean = sum / 3;
            assertEquals(mean, summary.get("metrics").get(names[m]).get("mean").asDouble(), 1e-12, names[m]);
            assertEquals(Math.sqrt((sumOfSquares - 3 * mean * mean) / 2), summary.get("metrics").get(names[m]).get("std").asDouble(), 1e-9,
                    names[m]);
        }
        assertFalse(summary.get("metrics").has("validation-rmse"), "a classifier has no RMSE");
        assertTrue(result.out().contains("validation-accuracy"), result.out());
    }

    @Test
    void foldsRefuseAValidationSplitAndStopAfterByName() {
        Result split = run("train", "--folds", "3", "--validation", "0.2", "--out", dir.resolve("a").toString());
        assertEquals(ExitCode.CONFIGURATION.code, split.code());
        assertTrue(split.err().contains("--folds 3 validates on each fold in turn; it takes no --validation 0.2"), split.err());
        Result stop = run("train", "--folds", "3", "--stop-after", "1", "--out", dir.resolve("b").toString());
        assertEquals(ExitCode.CONFIGURATION.code, stop.code());
        assertTrue(stop.err().contains("--folds trains every fold to its end for the summary; it takes no --stop-after"), stop.err());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b").resolve("fold-1")), "nothing written");
    }

    @Test
    void earlyStoppingOnF1RestoresTheBestEpochAndSavesIt() throws Exception {
        Path out = dir.resolve("f1");
        Result result = run("train", "--epochs", "12", "--hidden", "16", "--limit", "400", "--lr", "0.05", "--patience", "2",
                "--early-stop-metric", "validation-f1", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        List<Double> f1 = column(out, 8);
        int best = 1;
        for (int e = 1; e <= f1.size(); e++) {
            best = f1.get(e - 1) > f1.get(best - 1) ? e : best;
        }
        JsonNode report = JSON.readTree(out.resolve(RunFolder.REPORT).toFile());
        assertEquals(best, report.get("best_epoch").asInt(), "the report names the most F1 epoch of " + f1);
        assertTrue(f1.size() == 12 || f1.size() == best + 2, "ran to the end or stopped 2 epochs after the best: " + f1);
        assertArrayEquals(Checkpoint.load(out.resolve(TrainCommand.BEST)).network().parameters().toFloatVector(),
                ModelFile.load(out.resolve(TrainCommand.MODEL)).network().parameters().toFloatVector(), 0f, "the saved model is the best epoch's");
        assertEquals(best, Checkpoint.load(out.resolve(TrainCommand.BEST)).epoch());
    }

    @Test
    void noRestoreBestKeepsTheLastEpochAndTheReportSaysSo() throws Exception {
        Path out = dir.resolve("last");
        Result result = run("train", "--epochs", "4", "--hidden", "16", "--limit", "300", "--patience", "3", "--no-restore-best",
                "--early-stop-metric", "val_accuracy", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        int last = column(out, 0).size();
        assertEquals(last, JSON.readTree(out.resolve(RunFolder.REPORT).toFile()).get("best_epoch").asInt());
    }

    @Test
    void aRegressionMetricOnAClassifierIsRefusedBeforeAnyWork() {
        Result result = run("train", "--patience", "2", "--early-stop-metric", "validation-rmse", "--out", dir.resolve("r").toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertTrue(result.err().contains("early stopping (--early-stop-metric) watches validation-rmse, which a classifier does not measure"),
                result.err());
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void aPlateauRunLowersTheRateInMetricsCsv() throws Exception {
        Path out = dir.resolve("plateau");
        Result result = run("train", "--epochs", "8", "--hidden", "16", "--limit", "300", "--lr", "0.05",
                "--schedule", "plateau(monitor=train-loss,factor=0.5,patience=0,threshold=0.3)", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        List<Double> rates = column(out, 5);
        List<Double> losses = column(out, 1);
        double rate = 0.05;
        double best = Double.POSITIVE_INFINITY;
        for (int e = 0; e < rates.size(); e++) {
            assertEquals(rate, rates.get(e), 1e-15, "epoch " + (e + 1));
            if (losses.get(e) < best * (1 - 0.3)) {
                best = losses.get(e);
            } else {
                rate *= 0.5;
            }
        }
        assertTrue(rates.get(rates.size() - 1) < 0.05, "reduced: " + rates);
    }

    @Test
    void theSummaryIsTheMeanAndSampleStandardDeviation() {
        List<EpochResult> rows = new ArrayList<>();
        double[] losses = {0.5, 0.7, 0.3, 0.9};
        for (double loss : losses) {
            rows.add(new EpochResult(2, 1, 1, loss, 1 - loss, 0.1, 1, 1, 0, new Evaluation(loss, 1 - loss, loss / 2, Double.NaN, Double.NaN,
                    Double.NaN)));
        }
        List<CrossValidation.Summary> summaries = CrossValidation.summarize(rows, true);
        assertEquals(List.of("validation-loss", "validation-accuracy", "validation-f1"), summaries.stream().map(CrossValidation.Summary::metric).toList());
        // mean 0.6; deviations −0.1, 0.1, −0.3, 0.3: Σ² = 0.2, s = √(0.2 / 3)
        assertEquals(0.6, summaries.get(0).mean(), 1e-15);
        assertEquals(Math.sqrt(0.2 / 3), summaries.get(0).std(), 1e-15);
        assertEquals(0.4, summaries.get(1).mean(), 1e-15);
        assertEquals(Math.sqrt(0.2 / 3) / 2, summaries.get(2).std(), 1e-15);
    }
}
