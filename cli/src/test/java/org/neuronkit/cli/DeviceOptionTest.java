package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.io.ModelFile;

/**
 * {@code train --device NAME} goes through {@link org.neuronkit.train.Trainer#device}: the device is found
 * through ServiceLoader, a missing one is named before any run folder exists, and a run on the reference
 * device {@code cpu-steps} (the CPU steps behind the device interface) with a schedule, a warm-up,
 * checkpoints and {@code --resume} ends with the CPU's weights.
 */
class DeviceOptionTest {

    @Test
    void maxoutIsRefusedByNameBeforeLookingForTheGpu(@TempDir Path dir) {
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "cuda", "--activation", "maxout", "--dropout", "0.2",
                "--schedule", "cosine", "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertTrue(result.err().contains("(maxout): layer 'maxout' has no CUDA 13 kernel yet; served: [dense, output, dropout, batchnorm]; "
                + "train this network on the CPU"), result.err());
        assertFalse(result.err().contains("learning rate"), result.err());
        assertFalse(Files.exists(dir.resolve("run")), "no run folder for a refused run");
    }

    @Test
    void refusesWhatNoDeviceDoesBeforeLookingForTheDevice(@TempDir Path dir) {
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "cuda", "--diagnose", "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertTrue(result.err().contains("--device cuda does not support --diagnose (a device trains on data in memory and makes no "
                + "per-step callbacks); leave them out or train on the CPU"), result.err());
        assertFalse(Files.exists(dir.resolve("run")), "no run folder for a refused run");
    }

    @Test
    void aMissingDeviceIsNamedBeforeAnyRunFolderExists(@TempDir Path dir) {
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "tpu", "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertTrue(result.err().contains("no training device 'tpu': known: "), result.err());
        assertTrue(result.err().contains("cpu-steps") && result.err().contains("cuda"), result.err());
        assertFalse(Files.exists(dir.resolve("run")), "no run folder when the device is missing");
    }

    @Test
    void trainsThroughTheCudaDeviceWithAScheduleAndWritesTheRunFolder(@TempDir Path dir) {
        System.setProperty("neuronkit.cuda13.device", "reference"); // the engine on its CPU reference: no GPU needed
        try {
            Path run = dir.resolve("run");
            TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "cuda", "--epochs", "3", "--hidden", "32",
                    "--schedule", "cosine", "--warmup", "1", "--out", run.toString());
            assertEquals(0, result.code(), result.err());
            assertTrue(result.out().contains("device cuda: CPU reference"), result.out());
            assertTrue(Files.exists(run.resolve("model.safetensors")) && Files.exists(run.resolve("report.json")), "run folder");
            assertEquals(4, lines(run.resolve("metrics.csv")), "header and one row per epoch");
            // 3 epochs on the digits: far above chance (0.1)
            assertTrue(result.out().matches("(?s).*done: test accuracy 0\\.[7-9]\\d+.*"), result.out());
        } finally {
            System.clearProperty("neuronkit.cuda13.device");
        }
    }

    /** What backend-cuda13/README.md says {@code train --device cuda} exits with on a machine without a GPU. */
    @Test
    void theReadmeGivesTheExitStatusTrainDeviceCudaHasWithoutAGpu() throws java.io.IOException {
        String readme = Files.readString(Path.of("..", "backend-cuda13", "README.md"));
        java.util.regex.Matcher stated = java.util.regex.Pattern.compile("`\\./neuronkit train --device cuda`, exit status (\\d+)").matcher(readme);
        assertTrue(stated.find(), "backend-cuda13/README.md states the exit status of ./neuronkit train --device cuda without a GPU");
        assertEquals(ExitCode.CONFIGURATION.code, Integer.parseInt(stated.group(1)), "the README's exit status for a machine without a GPU");
    }

    @Test
    void aRunThroughTheDeviceInterfaceResumesToTheCpuRunsWeights(@TempDir Path dir) {
        String[] settings = {"train", "--epochs", "4", "--hidden", "32", "--dropout", "0.2", "--schedule", "cosine", "--warmup", "1",
            "--schedule-unit", "step", "--clip-norm", "5", "--limit", "600", "--validation", "0.2", "--patience", "3"};
        Path cpu = dir.resolve("cpu");
        TrainCommandTest.Result straight = TrainCommandTest.run(concat(settings, "--out", cpu.toString()));
        assertEquals(0, straight.code(), straight.err());

        Path device = dir.resolve("device");
        TrainCommandTest.Result first = TrainCommandTest.run(concat(settings, "--device", "cpu-steps", "--stop-after", "2",
                "--out", device.toString()));
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("device cpu-steps: the CPU steps behind the device interface"), first.out());
        TrainCommandTest.Result resumed = TrainCommandTest.run("train", "--resume", device.toString(), "--device", "cpu-steps");
        assertEquals(0, resumed.code(), resumed.err());

        assertArrayEquals(ModelFile.load(cpu.resolve("model.safetensors")).network().parameters().toFloatVector(),
                ModelFile.load(device.resolve("model.safetensors")).network().parameters().toFloatVector(), 0f);
        assertEquals(5, lines(device.resolve("metrics.csv")), "header and one row per epoch");
    }

    private static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(a), java.util.stream.Stream.of(b)).toArray(String[]::new);
    }

    private static long lines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
