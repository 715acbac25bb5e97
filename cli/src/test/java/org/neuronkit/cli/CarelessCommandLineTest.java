package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;

/** Command lines a hurried user types: each fails in one line before any data is read, or does what it should. */
class CarelessCommandLineTest {
    @TempDir
    Path dir;

    private static void assertOneLine(Result result, ExitCode code, String expected) {
        assertEquals(code.code, result.code(), result.out() + result.err());
        assertEquals("neuronkit: " + expected, result.err().strip());
    }

    private static String[] quickRun(Path out, String... more) {
        String[] base = {"train", "--epochs", "2", "--hidden", "8", "--limit", "300", "--out", out.toString()};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    private static String[] names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    /**
     * --hidden is one value: given twice (an argument file's, then the command line's) it is refused as every other
     * option is, instead of stacking the layers; a 0 among other sizes is refused instead of dropped.
     */
    @Test
    void hiddenSizesAreOneValueAndZeroStandsAlone() throws IOException {
        Path arguments = Files.writeString(dir.resolve("my.args"), "--hidden 64\n");
        Result twice = run("train", "@" + arguments, "--hidden", "16", "--out", dir.resolve("a").toString());
        assertEquals(ExitCode.USAGE.code, twice.code(), twice.err());
        assertTrue(twice.err().startsWith("option '--hidden' (N[,N…]) should be specified only once"), twice.err());
        assertOneLine(run("train", "--hidden", "16,0,16", "--out", dir.resolve("b").toString()), ExitCode.CONFIGURATION,
                "--hidden 16,0,16: layer sizes must be positive (0 alone for no hidden layer), got 0");
        Result letters = run("train", "--hidden", "16,x", "--out", dir.resolve("c").toString());
        assertEquals(ExitCode.USAGE.code, letters.code(), letters.err());
        assertTrue(letters.err().startsWith("Invalid value for option '--hidden'") && letters.err().contains(": '16,x': layer sizes are"
                + " whole numbers separated by commas, e.g. 256,128 ('x' is not one)"), letters.err());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("c")));
        Result spaces = run("train", "--hidden", "64", "32", "--out", dir.resolve("d").toString());
        assertEquals(ExitCode.USAGE.code, spaces.code(), spaces.err());
        assertTrue(spaces.err().contains("--hidden takes its values with commas, not spaces: --hidden 64,32"), spaces.err());
    }

    @Test
    void emptyOutAndAnotherRunsFolderAreRefused() throws IOException {
        assertOneLine(run("train", "--out", ""), ExitCode.CONFIGURATION, "--out is empty: give the folder to write into");

        Path runDir = dir.resolve("run");
        assertEquals(0, run(quickRun(runDir)).code());
        byte[] model = Files.readAllBytes(runDir.resolve("model.safetensors"));
        Result again = run(quickRun(runDir, "--seed", "7"));
        assertEquals(ExitCode.CONFIGURATION.code, again.code());
        assertTrue(again.err().startsWith("neuronkit: the folder " + runDir + " holds a run (settings.json, metrics.csv,"
                + " checkpoint.safetensors, model.safetensors, report.json"), again.err());
        assertTrue(again.err().strip().endsWith("); continue it with --resume " + runDir + ", replace it with --overwrite, or choose"
                + " another --out"), again.err());
        assertArrayEquals(model, Files.readAllBytes(runDir.resolve("model.safetensors")), "the old run is untouched");

        Files.writeString(runDir.resolve("notes.txt"), "mine");
        Result overwritten = run(quickRun(runDir, "--seed", "7", "--overwrite"));
        assertEquals(0, overwritten.code(), overwritten.err());
        assertFalse(java.util.Arrays.equals(model, Files.readAllBytes(runDir.resolve("model.safetensors"))));
        assertEquals("mine", Files.readString(runDir.resolve("notes.txt")), "--overwrite removes only a run's own files");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void unwritableOutputsFailInOneLineBeforeTheDataLoads() throws IOException {
        Path missingData = dir.resolve("missing.csv");
        Result train = run("train", "--dataset", "csv:" + missingData, "--out", "/proc/neuronkit-run");
        assertEquals(ExitCode.CONFIGURATION.code, train.code());
        assertTrue(train.err().startsWith("neuronkit: cannot write into the folder /proc/neuronkit-run: "), train.err());
        assertEquals(1, train.err().strip().lines().count(), train.err());

        Path runDir = dir.resolve("run");
        assertEquals(0, run(quickRun(runDir)).code());
        String model = runDir.resolve("model.safetensors").toString();
        Result predict = run("predict", "--model", model, "--input", missingData.toString(), "--output", "/proc/predictions.csv");
        assertTrue(predict.err().startsWith("neuronkit: cannot write /proc/predictions.csv: folder /proc is not writable ("),
                predict.err());
        assertEquals(1, predict.err().strip().lines().count(), predict.err());

        Path folder = Files.createDirectory(dir.resolve("predictions"));
        Result intoFolder = run("predict", "--model", model, "--input", missingData.toString(), "--output", folder.toString());
        assertOneLine(intoFolder, ExitCode.CONFIGURATION, "--output " + folder + " is a folder: give the name of the file to write");
        assertFalse(Files.exists(dir.resolve("predictions.tmp")));
        assertEquals(0, names(folder).length);
    }

    @Test
    void predictWritesItsOutputWithoutLeavingTemporaryFiles() throws IOException {
        Path runDir = dir.resolve("run");
        assertEquals(0, run(quickRun(runDir)).code());
        Path input = Files.writeString(dir.resolve("x.csv"), "0" + ",0".repeat(63) + "\n" + "1" + ",0".repeat(63) + "\n");
        Path output = dir.resolve("out").resolve("predictions.csv");
        Files.createDirectory(output.getParent());
        Result predict = run("predict", "--model", runDir.resolve("model.safetensors").toString(), "--input", input.toString(),
                "--output", output.toString());
        assertEquals(0, predict.code(), predict.err());
        assertEquals(3, Files.readAllLines(output).size(), "a header and two rows");
        assertArrayEquals(new String[] {"predictions.csv"}, names(output.getParent()));
    }

    /** A finite model can still overflow on inputs far outside its training range: predict names the row, prints no NaN. */
    @Test
    void predictRefusesToPrintNaN() throws IOException {
        Path runDir = dir.resolve("run");
        assertEquals(0, run(quickRun(runDir, "--normalize", "none")).code(), "no normaliser: 3e38 reaches the first layer as it is");
        Path input = Files.writeString(dir.resolve("x.csv"), "0" + ",0".repeat(63) + "\n" + "3e38" + ",3e38".repeat(63) + "\n");
        Result predict = run("predict", "--model", runDir.resolve("model.safetensors").toString(), "--input", input.toString());
        assertOneLine(predict, ExitCode.DATA, "file " + input + ", row 2: the model's outputs are not finite (NaN or infinity); the row's values may"
                + " be far outside the range of the training data");
        assertEquals("", predict.out());
    }

    @Test
    void badOptionsFailBeforeAnythingIsWritten() {
        Path runDir = dir.resolve("run");
        assertOneLine(run("train", "--hidden", "-5", "--out", runDir.toString()), ExitCode.CONFIGURATION,
                "--hidden -5: layer sizes must be positive (0 alone for no hidden layer), got -5");
        assertOneLine(run(quickRun(runDir, "--schedule", "step(2,1000)")), ExitCode.CONFIGURATION, "the step schedule's factor γ must be in (0, 1], got 1000.0");
        assertOneLine(run(quickRun(runDir, "--optimizer", "adamx")), ExitCode.CONFIGURATION,
                "unknown optimizer 'adamx'; known: "
                + String.join(", ", org.neuronkit.optim.Optimizers.REGISTRY.usages()));
        assertOneLine(run(quickRun(runDir, "--warmup", "2")), ExitCode.CONFIGURATION, "--warmup 2: the warm-up must be between 0 and 1 epochs (fewer than --epochs 2)");
        assertOneLine(run(quickRun(runDir, "--schedule-unit", "batch")), ExitCode.CONFIGURATION, "unknown --schedule-unit 'batch'; known: epoch, step");
        assertOneLine(run(quickRun(runDir, "--on-non-finite", "ignore")), ExitCode.CONFIGURATION, "unknown --on-non-finite 'ignore'; known: stop, skip, clip");
        assertOneLine(run(quickRun(runDir, "--clip-norm", "-1")), ExitCode.CONFIGURATION, "--clip-norm and --clip-value take a finite number > 0 (0 for off), got -1.0");
        assertFalse(Files.exists(runDir), "no run folder, no settings.json");
    }

    @Test
    void singleClassDataIsRefusedBeforeTraining() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(i % 7).append(",0\n");
        }
        Path file = Files.writeString(dir.resolve("one-class.csv"), csv);
        Path runDir = dir.resolve("run");
        assertOneLine(run("train", "--dataset", "csv:" + file, "--out", runDir.toString()), ExitCode.DATA,
                "dataset csv:" + file + ": every training label is 0; a classifier needs at least two classes");
        assertFalse(Files.exists(runDir));
    }

    /** A kill after the last checkpoint (before the model and report): --resume writes them, equal to the uninterrupted run's. */
    @Test
    void resumeAfterTheLastCheckpointFinishesTheRun() throws IOException {
        Path runDir = dir.resolve("run");
        assertEquals(0, run(quickRun(runDir, "--patience", "5")).code());
        byte[] model = Files.readAllBytes(runDir.resolve("model.safetensors"));
        String report = Files.readString(runDir.resolve("report.json"));
        for (String name : new String[] {"model.safetensors", "report.json", "loss.png", "accuracy.png", "confusion.png"}) {
            Files.delete(runDir.resolve(name));
        }
        Files.writeString(runDir.resolve(".model.safetensors.1a2b3c.tmp"), "half a model");

        Result resumed = run("train", "--resume", runDir.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("the checkpoint holds the last epoch 2: writing the model and the report"), resumed.out());
        assertArrayEquals(model, Files.readAllBytes(runDir.resolve("model.safetensors")));
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(report).get("test_accuracy"), json.readTree(runDir.resolve("report.json").toFile()).get("test_accuracy"));
        assertTrue(Files.exists(runDir.resolve("confusion.png")));
        assertFalse(Files.exists(runDir.resolve(".model.safetensors.1a2b3c.tmp")), "temporary files of the killed run are removed");
    }

    /** A kill during the first checkpoint leaves settings, metrics and a temporary file: --resume runs the whole run. */
    @Test
    void resumeWithoutACheckpointStartsAgain() throws IOException {
        Path whole = dir.resolve("whole");
        assertEquals(0, run(quickRun(whole)).code());
        Path killed = dir.resolve("killed");
        assertEquals(0, run(quickRun(killed, "--stop-after", "1")).code());
        Files.delete(killed.resolve("checkpoint.safetensors"));
        Files.writeString(killed.resolve(".checkpoint.safetensors.9f8e7d.tmp"), "half a checkpoint");

        Result resumed = run("train", "--resume", killed.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("no checkpoint in " + killed + " yet: the run starts again from epoch 1"), resumed.out());
        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(killed.resolve("model.safetensors")));
        assertFalse(Files.exists(killed.resolve(".checkpoint.safetensors.9f8e7d.tmp")));
    }

    /** The model records its split: eval tests on the model's own test part, not on rows of another seed's training part. */
    @Test
    void evalUsesTheModelsOwnTestSplit() throws IOException {
        Path runDir = dir.resolve("run");
        assertEquals(0, run("train", "--epochs", "3", "--hidden", "16", "--seed", "7", "--out", runDir.toString()).code());
        double reported = new ObjectMapper().readTree(runDir.resolve("report.json").toFile()).get("test_accuracy").asDouble();
        String model = runDir.resolve("model.safetensors").toString();
        String expected = String.format(Locale.ROOT, "accuracy %.4f (", reported);

        for (Result eval : new Result[] {run("eval", "--model", model, "--data", "digits"), run("eval", "--model", model)}) {
            assertEquals(0, eval.code(), eval.err());
            assertTrue(eval.out().startsWith(expected), eval.out());
            assertEquals("evaluating on the test part of digits (split seed 7, the model's own split)", eval.err().strip());
        }
        Result other = run("eval", "--model", model, "--data", "digits", "--seed", "42");
        assertTrue(other.err().contains("warning: the model was trained with split seed 7; with seed 42 the test part holds samples"
                + " it was trained on"), other.err());
    }
}
