package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.io.AtomicFiles;
import org.neuronkit.io.Checkpoint;

/**
 * Training in a child JVM, killed with SIGKILL at several moments (inside the first checkpoint write,
 * just after it, inside the second checkpoint write, inside the metrics write before a checkpoint, inside
 * the final model write, inside the report write). Every write pauses {@value #PAUSE_MILLIS} ms
 * between writing its temporary file and renaming it ({@link AtomicFiles#PAUSE_PROPERTY}), so each
 * kill lands in its window. After each kill: the checkpoint, if any, loads; no temporary file is
 * taken for one; {@code --resume} finishes and its model file equals an uninterrupted run's, byte
 * for byte.
 */
class CrashSafetyTest {
    private static final int PAUSE_MILLIS = 200;
    private static final String[] RUN = {"train", "--epochs", "3", "--hidden", "16", "--dropout", "0.2", "--limit", "400",
            "--checkpoint-every", "1"};

    @TempDir
    Path dir;

    /** When to kill: at the n-th temporary file whose name starts with {@code prefix}, or once {@code file} exists. */
    private record Moment(String name, String prefix, int occurrence) {
    }

    private static String[] args(Path out) {
        return Stream.concat(Stream.of(RUN), Stream.of("--out", out.toString())).toArray(String[]::new);
    }

    private Process start(Path out) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx384m", "-D" + AtomicFiles.PAUSE_PROPERTY + "=" + PAUSE_MILLIS,
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args(out)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(out.getFileName() + ".log").toFile()).start();
    }

    /** Waits for the moment, then kills the child with SIGKILL; fails if the child ends first. */
    private void killAt(Process child, Path out, Moment moment) throws Exception {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(out)) {
                try (Stream<Path> files = Files.list(out)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("." + moment.prefix) && n.endsWith(".tmp"))
                            .forEach(seen::add);
                } catch (IOException ignored) {
                    // a file vanished while listing: look again
                }
                boolean reached = moment.occurrence > 0 ? seen.size() >= moment.occurrence : Files.exists(out.resolve(moment.prefix));
                if (reached) {
                    child.destroyForcibly().waitFor();
                    return;
                }
            }
            if (!child.isAlive()) {
                fail(moment.name + ": the child ended (" + child.exitValue() + ") before the moment; log:\n"
                        + Files.readString(dir.resolve(out.getFileName() + ".log")));
            }
            Thread.sleep(2);
        }
        child.destroyForcibly().waitFor();
        fail(moment.name + ": not reached within 60 s");
    }

    @Test
    @Timeout(300)
    void everyKillResumesToTheWeightsOfAnUninterruptedRun() throws Exception {
        Path reference = dir.resolve("reference");
        Result whole = run(args(reference));
        assertEquals(0, whole.code(), whole.err());
        byte[] expected = Files.readAllBytes(reference.resolve(TrainCommand.MODEL));

        List<Moment> moments = List.of(
                new Moment("inside the first checkpoint write", TrainCommand.CHECKPOINT + ".", 1),
                new Moment("just after the first checkpoint", TrainCommand.CHECKPOINT, 0),
                new Moment("inside the metrics write before checkpoint 2", MetricsCsv.FILE + ".", 2),
                new Moment("inside the second checkpoint write", TrainCommand.CHECKPOINT + ".", 2),
                new Moment("inside the final model write", TrainCommand.MODEL + ".", 1),
                new Moment("inside the report write", RunFolder.REPORT + ".", 1));
        for (int i = 0; i < moments.size(); i++) {
            Moment moment = moments.get(i);
            Path out = dir.resolve("killed-" + i);
            killAt(start(out), out, moment);

            Path checkpoint = out.resolve(TrainCommand.CHECKPOINT);
            if (Files.exists(checkpoint)) {
                Checkpoint.load(checkpoint);
            }
            Result resumed = run("train", "--resume", out.toString());
            assertEquals(0, resumed.code(), moment.name + ": " + resumed.err());
            assertArrayEquals(expected, Files.readAllBytes(out.resolve(TrainCommand.MODEL)), moment.name + ": the final model differs");
            assertTrue(Files.exists(out.resolve(RunFolder.REPORT)), moment.name);
            try (Stream<Path> files = Files.list(out)) {
                assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
                        moment.name + ": temporary files remain");
            }
        }
    }
}
