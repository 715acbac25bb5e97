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
    void refusesOptionsGpuTrainingLacksBeforeLookingForTheGpu(@TempDir Path dir) {
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "cuda", "--dropout", "0.2", "--schedule", "cosine",
                "--out", dir.resolve("run").toString());
        assertEquals(1, result.code());
        assertTrue(result.err().contains("--device cuda does not support --dropout, --schedule cosine (GPU training has a constant learning "
                + "rate and no checkpoints)"), result.err());
        assertFalse(Files.exists(dir.resolve("run")), "no run folder for a refused run");
    }

    @Test
    void withoutAGpuStopsAtStartNamingWhatIsMissing(@TempDir Path dir) {
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia/version")), "this machine has an NVIDIA driver");
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "cuda", "--out", dir.resolve("run").toString());
        assertEquals(1, result.code());
        assertTrue(result.err().contains("The CUDA 13 engine cannot start on this machine:\n  - NVIDIA driver: libcuda.so.1 not found"), result.err());
        assertTrue(result.err().contains("To train on the CPU instead, leave out --device cuda"), result.err());
        assertFalse(Files.exists(dir.resolve("run")), "no run folder when the GPU is missing");
    }

    @Test
    void unknownDevicesAreNamed() {
        TrainCommandTest.Result result = TrainCommandTest.run("train", "--device", "tpu");
        assertEquals(1, result.code());
        assertTrue(result.err().contains("unknown --device 'tpu': cpu or cuda"), result.err());
    }
}
