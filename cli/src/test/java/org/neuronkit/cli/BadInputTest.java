package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;

/** Bad input through the command line: one clear {@code neuronkit: ...} line, exit code 1, no files touched. */
class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void missingDatasetSaysWhereItLookedAndHowToGetIt() {
        Path missing = dir.resolve("nowhere");
        Path runDir = dir.resolve("run");
        Result result = run("train", "--dataset", "fashion-mnist", "--data-dir", missing.toString(), "--out", runDir.toString());
        assertEquals(ExitCode.DATA.code, result.code());
        String message = result.err().strip();
        assertTrue(message.startsWith("neuronkit: dataset fashion-mnist not found: no directory of [" + missing + ", "
                + missing.resolve("fashion-mnist")), message);
        assertTrue(message.contains("/usr/share/datasets/fashion-mnist]") && message.contains("apt-get install dataset-fashion-mnist")
                && message.contains("github.com/zalandoresearch/fashion-mnist"), message);
        assertEquals(1, message.lines().count(), message);
        assertFalse(Files.exists(runDir), "no run folder for a run that never started");
    }

    /**
     * Finite values whose variance overflows FLOAT (10³⁰ in a feature, 10²⁵ in a regression target) stop the run
     * before training, naming the values, and leave no model behind that no command could load.
     */
    @Test
    void valuesWhoseScalingOverflowsStopTheRunBeforeTraining() throws Exception {
        StringBuilder features = new StringBuilder("a,b,label\n");
        StringBuilder targets = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) {
            features.append(i % 10 == 0 ? "1e30" : Integer.toString(i)).append(',').append(i % 7).append(',').append(i % 2).append('\n');
            targets.append(i).append(',').append(i % 7).append(',').append(i * 1e25).append('\n');
        }
        Path classes = Files.writeString(dir.resolve("huge.csv"), features.toString());
        Result classification = run("train", "--data", classes.toString(), "--epochs", "1", "--out", dir.resolve("c").toString());
        assertEquals(ExitCode.DATA.code, classification.code(), classification.err());
        assertTrue(classification.err().contains("normaliser 'standardize' cannot be fitted: feature 0 holds values up to 1.0000000150474662E30"
                + " in magnitude"), classification.err());
        assertFalse(Files.exists(dir.resolve("c").resolve(TrainCommand.MODEL)));
        Path regression = Files.writeString(dir.resolve("huge-y.csv"), targets.toString());
        Result scaled = run("train", "--data", regression.toString(), "--task", "regression", "--epochs", "1", "--out", dir.resolve("r").toString());
        assertEquals(ExitCode.DATA.code, scaled.code(), scaled.err());
        assertTrue(scaled.err().contains("the regression targets y cannot be scaled for training"), scaled.err());
        assertFalse(Files.exists(dir.resolve("r").resolve(TrainCommand.MODEL)));
    }

    /**
     * eval and explain on the model's own split refuse a CSV file that gained rows since training: the seed's test
     * part of the longer file would hold training rows (before, eval reported it as "the model's own split").
     */
    @Test
    void theOwnSplitOfAFileThatGrewIsRefused() throws Exception {
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 60; i++) {
            rows.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
        }
        Path data = Files.writeString(dir.resolve("grow.csv"), rows.toString());
        Path runDir = dir.resolve("grow");
        assertEquals(0, run("train", "--data", data.toString(), "--epochs", "1", "--hidden", "4", "--out", runDir.toString()).code());
        assertEquals(0, run("eval", "--model", runDir.toString()).code(), "the file as it was");
        Files.writeString(data, rows + "1,2,1\n3,4,0\n");
        for (String[] command : new String[][] {{"eval"}, {"explain", "--out", dir.resolve("x").toString()}}) {
            String[] args = java.util.stream.Stream.concat(Arrays.stream(command), java.util.stream.Stream.of("--model", runDir.toString()))
                    .toArray(String[]::new);
            Result grown = run(args);
            assertEquals(ExitCode.DATA.code, grown.code(), command[0] + ": " + grown.err());
            assertTrue(grown.err().contains("the data csv:" + data.toAbsolutePath() + " has 62 rows now; the model was trained on a split of"
                    + " its 60, so the test part by seed 42 would hold rows it was trained on"), grown.err());
        }
    }

    @Test
    void unknownDatasetAndMissingMnistAreNamed() {
        Result unknown = run("train", "--dataset", "cifar", "--out", dir.resolve("run").toString());
        assertEquals("neuronkit: unknown dataset 'cifar'; known: digits, iris, fashion-mnist, mnist, diabetes (regression), a CSV file's PATH or csv:PATH", unknown.err().strip());
        Result mnist = run("train", "--dataset", "mnist", "--data-dir", dir.toString(), "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.DATA.code, mnist.code());
        assertTrue(mnist.err().startsWith("neuronkit: dataset mnist not found: no directory of [" + dir + ", "), mnist.err());
        assertTrue(mnist.err().contains("train-images-idx3-ubyte") && mnist.err().contains("--data-dir"), mnist.err());
    }

    @Test
    void nonNumericCsvCellNamesFileLineAndColumn() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            csv.append(i == 6 ? "1.5,abc,0\n" : i + ",1," + (i % 2) + "\n");
        }
        Path file = Files.writeString(dir.resolve("bad.csv"), csv);
        Path runDir = dir.resolve("run");
        Result result = run("train", "--dataset", "csv:" + file, "--out", runDir.toString());
        assertEquals(ExitCode.DATA.code, result.code());
        assertEquals("neuronkit: file " + file + ", line 7, column 2: 'abc' is not a finite number (column 2 holds numbers on earlier"
                + " lines: give --categorical-columns 2 to read its cells as categories, or leave it out with --ignore-columns 2)",
                result.err().strip());
        assertFalse(Files.exists(runDir));
    }

    @Test
    void truncatedModelIsRejectedByEvalAndPredictWithoutTouchingTheOutput() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("train", "--epochs", "1", "--hidden", "8", "--out", runDir.toString()).code());
        byte[] whole = Files.readAllBytes(runDir.resolve("model.safetensors"));
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(whole, whole.length / 2));
        Path input = Files.writeString(dir.resolve("x.csv"), "0".repeat(1) + ",0".repeat(63) + "\n");
        Path output = Files.writeString(dir.resolve("predictions.csv"), "old\n");

        Result eval = run("eval", "--model", cut.toString(), "--data", "digits");
        Result predict = run("predict", "--model", cut.toString(), "--input", input.toString(), "--output", output.toString());
        for (Result r : new Result[] {eval, predict}) {
            assertEquals(ExitCode.MODEL_FILE.code, r.code(), r.err());
            assertTrue(r.err().startsWith("neuronkit: file " + cut + ": "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        assertEquals("old\n", Files.readString(output));
        assertEquals(whole.length / 2, Files.size(cut));
    }

    /** A --model that names nothing, or a folder without a model, is a wrong option (exit 3), not a damaged file (exit 5). */
    @Test
    void aMissingModelIsAWrongOptionNotADamagedFile() throws Exception {
        Path nowhere = dir.resolve("nowhere.safetensors");
        Result missing = run("inspect", "--model", nowhere.toString());
        assertEquals(ExitCode.CONFIGURATION.code, missing.code(), missing.err());
        assertEquals("neuronkit: --model " + nowhere + " does not exist", missing.err().strip());
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Result folder = run("predict", "--model", empty.toString(), "--input", Files.writeString(dir.resolve("x.csv"), "1\n").toString());
        assertEquals(ExitCode.CONFIGURATION.code, folder.code(), folder.err());
        assertTrue(folder.err().startsWith("neuronkit: --model " + empty + " is a folder without a model.safetensors"), folder.err());
    }

    @Test
    void truncatedCheckpointStopsTheResumeAndLeavesTheRunAsItWas() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("train", "--epochs", "3", "--stop-after", "1", "--hidden", "8", "--out", runDir.toString()).code());
        Path checkpoint = runDir.resolve("checkpoint.safetensors");
        byte[] whole = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, Arrays.copyOf(whole, whole.length - 100));
        String metrics = Files.readString(runDir.resolve("metrics.csv"));
        String settings = Files.readString(runDir.resolve("settings.json"));

        Result result = run("train", "--resume", runDir.toString());
        assertEquals(ExitCode.MODEL_FILE.code, result.code());
        assertTrue(result.err().startsWith("neuronkit: file " + checkpoint + ": "), result.err());
        assertEquals(metrics, Files.readString(runDir.resolve("metrics.csv")));
        assertEquals(settings, Files.readString(runDir.resolve("settings.json")));
        assertEquals(whole.length - 100, Files.size(checkpoint));
    }

    @Test
    void predictInputOfTheWrongWidthIsNamed() throws Exception {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("train", "--epochs", "1", "--hidden", "8", "--out", runDir.toString()).code());
        Path input = Files.writeString(dir.resolve("x.csv"), "1,2,3\n");
        Result result = run("predict", "--model", runDir.resolve("model.safetensors").toString(), "--input", input.toString());
        assertEquals("neuronkit: file " + input + " has 3 columns, but the model " + runDir.resolve("model.safetensors")
                + " expects 64 features per row", result.err().strip());
    }
}
