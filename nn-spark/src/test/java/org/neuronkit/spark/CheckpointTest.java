package org.neuronkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.ConfigurationException;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.DropoutSpec;
import org.neuronkit.network.Network;

/**
 * A fit whose driver dies after epoch 2 (the epoch hook throws, after the checkpoint is written) and
 * is started again with the same {@code checkpointDir} resumes from epoch 2 and ends with the model of
 * an uninterrupted fit; a checkpoint of other settings is refused.
 */
class CheckpointTest {
    private static final int EPOCHS = 4;

    /** Thrown by the hook: the driver "dies". */
    private static final class DriverDied extends RuntimeException {
        DriverDied() {
            super("the driver died after epoch 2");
        }
    }

    private static NeuronKitClassifier classifier(String dir) {
        NeuronKitClassifier classifier = new NeuronKitClassifier().setLayers(new DenseSpec(12, "tanh"), new DropoutSpec(0.1, null))
                .setOptimizer("adam").setSchedule("cosine").setLearningRate(0.01).setBatchSize(32).setEpochs(EPOCHS).setSeed(9);
        return dir == null ? classifier : classifier.setCheckpointDir(dir);
    }

    @Test
    void resumedFitEqualsUninterruptedFit(@TempDir Path dir) throws Exception {
        Dataset<Row> data = SparkTests.frame(SparkTests.blobs(200, 6, 3, 41), 2);
        float[] expected;
        try (Network network = classifier(null).fit(data).network()) {
            expected = network.parameters().toFloatVector();
        }

        String checkpoints = dir.resolve("checkpoints").toString();
        NeuronKitClassifier dying = classifier(checkpoints).afterEpoch(epoch -> {
            if (epoch == 2) {
                throw new DriverDied();
            }
        });
        assertThrows(DriverDied.class, () -> dying.fit(data));
        try (Stream<Path> files = Files.list(Path.of(checkpoints))) {
            assertEquals(java.util.List.of("epoch-00002.ckpt"), files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")).toList(),
                    "one checkpoint, of the last epoch written (hidden files: the local file system's checksums)");
        }

        NeuronKitClassificationModel resumed = classifier(checkpoints).fit(data);
        assertEquals(2, resumed.summary().resumedAfter());
        assertEquals(EPOCHS, resumed.summary().totalIterations());
        float[] actual;
        try (Network network = resumed.network()) {
            actual = network.parameters().toFloatVector();
        }
        double gap = 0;
        for (int i = 0; i < expected.length; i++) {
            gap = Math.max(gap, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(gap <= 1e-6, "largest parameter difference from the uninterrupted fit: " + gap);

        String message = assertThrows(ConfigurationException.class, () -> classifier(checkpoints).setLearningRate(0.02).fit(data))
                .getMessage();
        assertTrue(message.startsWith("checkpointDir " + checkpoints + " holds a checkpoint of another fit:"), message);
    }
}
