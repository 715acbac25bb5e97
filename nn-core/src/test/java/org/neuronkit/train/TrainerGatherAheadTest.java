package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;

/**
 * {@code Trainer.fit}, whose minibatches are gathered ahead on another thread, trains bit for bit as
 * a plain loop over the same seeded permutation does: each epoch's rows in DataSet.permutation's
 * order (seed · 1,000,003 + epoch), gathered by {@code DataSet.select}, one gradient and one Adam
 * step per batch.
 */
class TrainerGatherAheadTest {
    private static final long SEED = 5;
    private static final int BATCH = 16;
    private static final int EPOCHS = 2;

    private static Network network() {
        return Network.builder(12).dataType(DataType.FLOAT).seed(9).dense(8, Activations.relu())
                .output(3, Losses.softmaxCrossEntropy()).build();
    }

    @Test
    void fitEqualsAPlainLoopOverTheSamePermutation() {
        Random random = new Random(1);
        int rows = 100;
        float[][] x = new float[rows][12];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 12; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            y[i] = random.nextInt(3);
        }
        DataSet data = DataSet.ofClasses(x, y, 3).castTo(DataType.FLOAT);

        Network trained = network();
        TrainingReport report = new Trainer(new Adam(0.01), BATCH, EPOCHS, SEED).fit(trained, data, null);

        Network looped = network();
        Adam adam = new Adam(0.01);
        double lastEpochRisk = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            int[] order = DataSet.permutation(rows, new Random(SEED * 1_000_003L + epoch));
            double riskSum = 0;
            for (int from = 0; from < rows; from += BATCH) {
                DataSet batch = data.select(Arrays.copyOfRange(order, from, Math.min(rows, from + BATCH)));
                riskSum += looped.computeGradient(batch.features(), batch.targets()) * batch.size();
                adam.step(looped.parameters(), looped.gradients());
            }
            lastEpochRisk = riskSum / rows;
        }
        assertArrayEquals(looped.parameters().toFloatVector(), trained.parameters().toFloatVector(), 0f);
        assertEquals(lastEpochRisk, report.epochs().get(EPOCHS - 1).trainLoss(), 0.0);
    }
}
