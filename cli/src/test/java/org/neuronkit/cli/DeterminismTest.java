package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs with the same seed write bit-identical model files on the CPU backend: in one JVM, and in
 * a second JVM whose OpenMP and OpenBLAS use two threads instead of one; another seed gives another
 * model.
 */
class DeterminismTest {
    private static final String[] RUN = {"train", "--epochs", "3", "--hidden", "32,16", "--dropout", "0.1", "--optimizer", "adam",
            "--schedule", "cosine", "--limit", "600"};

    @TempDir
    Path dir;

    private static String[] args(Path out, String... more) {
        return Stream.of(Stream.of(RUN), Stream.of("--out", out.toString()), Stream.of(more)).flatMap(s -> s).toArray(String[]::new);
    }

    private static byte[] model(Path run) throws Exception {
        return Files.readAllBytes(run.resolve(TrainCommand.MODEL));
    }

    @Test
    void sameSeedSameModelFileAcrossRunsAndThreadCounts() throws Exception {
        assertEquals(0, run(args(dir.resolve("a"))).code());
        assertEquals(0, run(args(dir.resolve("b"))).code());
        assertArrayEquals(model(dir.resolve("a")), model(dir.resolve("b")));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args(dir.resolve("c"))));
        ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("c.log").toFile());
        child.environment().put("OMP_NUM_THREADS", "2");
        child.environment().put("OPENBLAS_NUM_THREADS", "2");
        assertEquals(0, child.start().waitFor(), () -> "child run failed");
        assertArrayEquals(model(dir.resolve("a")), model(dir.resolve("c")), "two threads give the one-thread model");

        assertEquals(0, run(args(dir.resolve("d"), "--seed", "43")).code());
        assertFalse(Arrays.equals(model(dir.resolve("a")), model(dir.resolve("d"))), "another seed, another model");
    }
}
