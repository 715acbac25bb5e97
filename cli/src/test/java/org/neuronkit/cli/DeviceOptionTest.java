package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --device cuda} refuses what GPU training lacks and, without a GPU, stops at start naming what is missing. */
class DeviceOptionTest {

    @Test
    void dropoutIsRefusedByNameBeforeLookingForTheGpu(@TempDir Path dir) {
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "cuda", "--dropout", "0.2", "--schedule", "cosine",
                "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertTrue(result.err().contains("(dropout): layer 'dropout' has no CUDA 13 kernel yet; served: [dense, output]; train this network "
                + "on the CPU"), result.err());
        assertFalse(result.err().contains("learning rate"), result.err());
        assertFalse(Files.exists(dir.resolve("run")), "no run folder for a refused run");
    }

    @Test
    void withoutAGpuStopsAtStartNamingWhatIsMissing(@TempDir Path dir) {
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia/version")), "this machine has an NVIDIA driver");
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "cuda", "--out", dir.resolve("run").toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertTrue(result.err().contains("The CUDA 13 engine cannot start on this machine:\n  - NVIDIA driver: libcuda.so.1 not found"), result.err());
        assertTrue(result.err().contains("To train on the CPU instead, leave out --device cuda"), result.err());
        assertFalse(Files.exists(dir.resolve("run")), "no run folder when the GPU is missing");
    }

    /** Lines of a text file. */
    private static final class TrainRunTestSupport {
        static long lines(Path file) {
            try (var lines = Files.lines(file)) {
                return lines.count();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
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
            assertEquals(4, TrainRunTestSupport.lines(run.resolve("metrics.csv")), "header and one row per epoch");
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
    void unknownDevicesAreNamed() {
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "tpu");
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertTrue(result.err().contains("no training device 'tpu': known: cuda"), result.err());
    }
}
