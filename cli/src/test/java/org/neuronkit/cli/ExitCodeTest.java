package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;

/** Each documented exit code (docs/usage.md) is the one a failure of its kind gives. */
class ExitCodeTest {
    @TempDir
    Path dir;

    private static void assertCode(ExitCode expected, Result result) {
        assertEquals(expected.code, result.code(), result.out() + result.err());
    }

    @Test
    void eachKindOfFailureHasItsCode() throws IOException {
        assertCode(ExitCode.OK, run("info"));
        assertCode(ExitCode.USAGE, run("train", "--no-such-option"));
        assertCode(ExitCode.CONFIGURATION, run("train", "--activation", "sigmoidal", "--out", dir.resolve("a").toString()));
        assertCode(ExitCode.DATA, run("train", "--data", "csv:" + dir.resolve("missing.csv"), "--out", dir.resolve("b").toString()));
        Path junk = dir.resolve("junk.safetensors");
        Files.write(junk, new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '});
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "1,2,3\n");
        assertCode(ExitCode.MODEL_FILE, run("predict", "--model", junk.toString(), "--input", rows.toString()));
        assertCode(ExitCode.NUMERICAL, run("train", "--optimizer", "sgd", "--lr", "1e9", "--epochs", "2", "--hidden", "8", "--limit", "300",
                "--out", dir.resolve("c").toString()));
    }

    /** docs/usage.md's divergence case: Adam at a learning rate of 3 ends above the untrained loss; it used to exit 0. */
    @Test
    void aRunThatEndsWorseThanItStartedStopsOrWarns() throws IOException {
        Result stopped = run("train", "--optimizer", "adam", "--lr", "3", "--epochs", "4", "--on-diverge", "stop", "--out", dir.resolve("s").toString());
        assertCode(ExitCode.NUMERICAL, stopped);
        assertTrue(stopped.err().startsWith("neuronkit: training diverged in epoch "), stopped.err());
        Path warned = dir.resolve("w");
        Result result = run("train", "--optimizer", "adam", "--lr", "3", "--epochs", "4", "--out", warned.toString());
        assertCode(ExitCode.OK, result);
        assertTrue(result.out().contains("\nwarning: the run ended worse than it started: the last epoch's mean training loss "), result.out());
        String report = Files.readString(warned.resolve(RunFolder.REPORT));
        assertTrue(report.contains("\"warnings\" : [ \"the run ended worse than it started: "), report);
        assertCode(ExitCode.USAGE, run("train", "--on-diverge", "ignore"));
    }

    /**
     * Runs a short training in a child JVM under {@code ulimit -f kilobytes}: the JVM ignores SIGXFSZ,
     * so a write beyond the limit fails with EFBIG, as on a full disk.
     */
    private String trainWithFileLimit(Path out, int kilobytes, int hidden) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "ulimit -f " + kilobytes + "; exec '" + java + "' -Xmx384m -cp '" + System.getProperty("java.class.path") + "' "
                + Main.class.getName() + " train --epochs 2 --hidden " + hidden + " --limit 300 --out '" + out + "'";
        Process child = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertTrue(child.waitFor(180, TimeUnit.SECONDS), output);
        assertEquals(ExitCode.IO.code, child.exitValue(), output);
        return output;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** The checkpoint does not fit: exit 7 (it was 5, a "damaged model file"), and no partial checkpoint or temporary file. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aFullDiskExitsSevenAndLeavesNoPartialFile() throws IOException, InterruptedException {
        Path out = dir.resolve("full");
        String output = trainWithFileLimit(out, 24, 256);
        assertTrue(output.contains("neuronkit: file " + out.resolve(TrainCommand.CHECKPOINT) + ": cannot write: "), output);
        List<String> names = names(out);
        assertFalse(names.stream().anyMatch(n -> n.endsWith(".tmp") || n.equals(TrainCommand.CHECKPOINT)), names.toString());
    }

    /** The model fits but the loss chart does not: exit 7 and no truncated loss.png (it used to be left without its end). */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aChartThatDoesNotFitLeavesNoTruncatedFile() throws IOException, InterruptedException {
        Path out = dir.resolve("charts");
        String output = trainWithFileLimit(out, 12, 8);
        assertTrue(output.contains("neuronkit: file " + out.resolve(RunCharts.LOSS) + ": cannot write: "), output);
        List<String> names = names(out);
        assertTrue(names.contains(TrainCommand.MODEL), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.endsWith(".tmp") || n.endsWith(".png")), names.toString());
    }
}
