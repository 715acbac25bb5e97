package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.io.ModelFile;

/** {@code train} with the optimizers, schedules, clipping and non-finite policies added with Nesterov. */
class OptimizerOptionsRunTest {
    @TempDir
    Path dir;

    private static String[] train(Path out, String... more) {
        String[] base = {"train", "--hidden", "16", "--limit", "400", "--validation", "0", "--out", out.toString()};
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    /** AdamW with a per-step cosine after a warm-up epoch and clipping: split at epoch 2 and resumed, the same bits. */
    @Test
    void adamWWithStepWarmupAndClippingResumesBitIdentically() throws Exception {
        String[] settings = {"--epochs", "3", "--optimizer", "adamw", "--lr", "0.01", "--schedule", "cosine", "--schedule-unit", "step",
            "--warmup", "1", "--clip-norm", "1", "--clip-value", "0.5"};
        Path straight = dir.resolve("straight");
        Result whole = run(train(straight, settings));
        assertEquals(0, whole.code(), whole.err());
        assertTrue(whole.out().contains("optimizer adamw(lr=0.01, beta1=0.9, beta2=0.999, eps=1.0E-8, wd=0.01)"), whole.out());
        JsonNode saved = new ObjectMapper().readTree(straight.resolve(TrainSettings.FILE).toFile()).get("optimization");
        assertEquals("step", saved.get("scheduleUnit").asText());
        assertEquals(1, saved.get("warmup").asInt());
        assertEquals(1.0, saved.get("clipNorm").asDouble());

        Path split = dir.resolve("split");
        assertEquals(0, run(train(split, Stream.concat(Stream.of(settings), Stream.of("--stop-after", "2")).toArray(String[]::new))).code());
        Result resumed = run("train", "--resume", split.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertArrayEquals(ModelFile.load(straight.resolve("model.safetensors")).network().parameters().toFloatVector(),
                ModelFile.load(split.resolve("model.safetensors")).network().parameters().toFloatVector(), 0f);
    }

    @Test
    void everyNewOptimizerTrainsFromTheCommandLine() {
        for (String name : new String[] {"nesterov", "rmsprop", "adagrad"}) {
            Result result = run(train(dir.resolve(name), "--epochs", "2", "--optimizer", name, "--lr", "0.01"));
            assertEquals(0, result.code(), name + ": " + result.err());
            assertTrue(result.out().contains("optimizer " + name + "(lr=0.01"), result.out());
            assertTrue(result.out().matches("(?s).*done: test accuracy 0\\.[3-9].*"), name + ": " + result.out());
        }
    }

    /**
     * A CSV file with one row whose first feature is 3.3·10³⁸ (finite in float, and the file's sum too):
     * the forward pass overflows on it, so training stops there, unless its batch is skipped.
     */
    @Test
    void skipTrainsPastRowsThatOverflow() throws Exception {
        StringBuilder csv = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 200; i++) {
            int label = i % 2;
            String x = i == 17 ? "3.3e38,0,0" : (label + random.nextGaussian() * 0.3) + "," + random.nextGaussian() + ","
                    + (1 - label + random.nextGaussian() * 0.3);
            csv.append(x).append(',').append(label).append('\n');
        }
        Path file = Files.writeString(dir.resolve("overflow.csv"), csv);
        String[] base = {"train", "--dataset", "csv:" + file, "--normalize", "none", "--hidden", "8", "--epochs", "3", "--validation", "0",
            "--batch-size", "16", "--lr", "0.01"};
        Result stopped = run(Stream.concat(Stream.of(base), Stream.of("--out", dir.resolve("stop").toString())).toArray(String[]::new));
        assertEquals(ExitCode.NUMERICAL.code, stopped.code());
        assertTrue(stopped.err().startsWith("neuronkit: training stopped at epoch 1, step"), stopped.err());

        Result skipped = run(Stream.concat(Stream.of(base), Stream.of("--out", dir.resolve("skip").toString(), "--on-non-finite", "skip"))
                .toArray(String[]::new));
        assertEquals(0, skipped.code(), skipped.err());
        assertTrue(skipped.out().matches("(?s).*epoch 1/3 .*non-finite batches skipped: 1.*epoch 2/3 .*non-finite batches skipped: 1.*"), skipped.out());
    }
}
