package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.Layer;

/** {@code neuronkit train --batch-norm}: the layers it builds, its model file, and a resumed run. */
class BatchNormRunTest {
    @TempDir
    Path dir;

    @Test
    void batchNormRunsSaveTheirRunningAveragesAndResumeBitForBit() throws Exception {
        String[] settings = {"train", "--epochs", "4", "--hidden", "24,12", "--batch-norm", "--dropout", "0.1",
                "--validation", "0.2"};
        Path straight = dir.resolve("straight");
        Result result = run(concat(settings, "--out", straight.toString()));
        assertEquals(0, result.code(), result.err());
        ModelFile.Model model = ModelFile.load(straight.resolve("model.safetensors"));
        assertEquals(List.of("Dense(64 → 24, relu)", "BatchNorm(24)", "Dropout(24, p = 0.1)", "Dense(24 → 12, relu)", "BatchNorm(12)",
                "Dropout(12, p = 0.1)", "Dense(12 → 10, softmax)"), model.network().layers().stream().map(Layer::describe).toList());

        // the loaded model, inference with its saved running averages, scores the reported test accuracy (the
        // default seed 42 splits the digits)
        DataSet test = BundledDatasets.digits().split(0.8, 42).test();
        int[] predicted = model.predict(test.features());
        long correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == test.labels()[i] ? 1 : 0;
        }
        double reported = new ObjectMapper().readTree(straight.resolve("report.json").toFile()).get("test_accuracy").asDouble();
        assertEquals(reported, (double) correct / predicted.length, 1e-12);
        assertTrue(reported > 0.7, "test accuracy " + reported);

        // a checkpoint carries the running averages: stopping and resuming gives the same parameters
        Path split = dir.resolve("split");
        assertEquals(0, run(concat(settings, "--out", split.toString(), "--stop-after", "1")).code());
        Result resumed = run("train", "--resume", split.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertArrayEquals(model.network().parameters().toFloatVector(),
                ModelFile.load(split.resolve("model.safetensors")).network().parameters().toFloatVector(), 0f);
    }

    @Test
    void theCudaDeviceTrainsBatchNormOnItsCpuReference() {
        System.setProperty("neuronkit.cuda13.device", "reference"); // the engine's CPU twin of its kernels: no GPU needed
        try {
            Path out = dir.resolve("gpu");
            Result result = run("train", "--device", "cuda", "--batch-norm", "--epochs", "3", "--hidden", "32", "--out", out.toString());
            assertEquals(0, result.code(), result.err());
            assertTrue(result.out().contains("device cuda: CPU reference"), result.out());
            // 3 epochs on the digits: far above chance (0.1)
            assertTrue(result.out().matches("(?s).*done: test accuracy 0\\.[7-9]\\d+.*"), result.out());
            assertEquals(List.of("Dense(64 → 32, relu)", "BatchNorm(32)", "Dense(32 → 10, softmax)"),
                    ModelFile.load(out.resolve("model.safetensors")).network().layers().stream().map(Layer::describe).toList());
        } finally {
            System.clearProperty("neuronkit.cuda13.device");
        }
    }

    @Test
    void aDeviceWithoutBatchNormRefusesItByNameBeforeWritingTheRun() {
        Path out = dir.resolve("device");
        Result result = run("train", "--device", "no-batchnorm", "--batch-norm", "--hidden", "16", "--out", out.toString());
        assertEquals(ExitCode.CONFIGURATION.code, result.code());
        assertTrue(result.err().contains("device no-batchnorm cannot train layer 2, batchnorm"), result.err());
        assertFalse(java.nio.file.Files.exists(out), "no run folder for a refused run");
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
