package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches gathered ahead on a background thread are, batch by batch and value by value, the rows
 * of the epoch's permutation (DataSet.permutation with the seed and epoch), as gathering each on
 * demand gives; the batch a caller holds is not overwritten by the gather of the next one.
 */
class MinibatchesAheadTest {
    private static final int ROWS = 203;
    private static final int FEATURES = 37;
    private static final int CLASSES = 4;
    private static final long SEED = 11;

    private static DataSet data() {
        Random random = new Random(3);
        float[][] x = new float[ROWS][FEATURES];
        int[] y = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            y[i] = random.nextInt(CLASSES);
        }
        return DataSet.ofClasses(Nd4j.createFromArray(x), y, CLASSES);
    }

    @Test
    void everyBatchIsItsSliceOfTheEpochsPermutation() {
        DataSet data = data();
        float[][] x = data.features().toFloatMatrix();
        int[] labels = data.labels();
        try (Minibatches batches = new Minibatches(data, 16, SEED)) {
            for (int epoch = 0; epoch < 3; epoch++) {
                int[] order = DataSet.permutation(ROWS, new Random(SEED * 1_000_003L + epoch));
                batches.startEpoch(epoch);
                int from = 0;
                Minibatches.Batch previous = null;
                while (batches.hasNext()) {
                    Minibatches.Batch batch = batches.next();
                    assertNotSame(previous, batch, "consecutive batches share their arrays");
                    int n = Math.min(16, ROWS - from);
                    assertEquals(n, batch.size());
                    float[][] got = batch.features().toFloatMatrix();
                    float[][] targets = batch.targets().toFloatMatrix();
                    for (int i = 0; i < n; i++) {
                        int row = order[from + i];
                        assertArrayEquals(x[row], got[i], 0f, "epoch " + epoch + ", row " + (from + i));
                        assertEquals(labels[row], batch.labels()[i]);
                        assertEquals(1f, targets[i][labels[row]]);
                    }
                    previous = batch;
                    from += n;
                }
                assertEquals(ROWS, from);
            }
        }
    }

    /** The held batch keeps its values while the next is gathered into the other buffer (checked after that gather is done). */
    @Test
    void theBatchHeldIsNotOverwrittenByTheGatherAhead() {
        DataSet data = data();
        try (Minibatches batches = new Minibatches(data, 8, SEED)) {
            batches.startEpoch(0);
            Minibatches.Batch first = batches.next();
            float[][] before = first.features().toFloatMatrix();
            Minibatches.Batch second = batches.next(); // waits for the gather of the second, started when the first was handed over
            assertNotSame(first, second);
            float[][] after = first.features().toFloatMatrix();
            for (int i = 0; i < before.length; i++) {
                assertArrayEquals(before[i], after[i], 0f);
            }
            assertFalse(Arrays.deepEquals(before, second.features().toFloatMatrix()));
        }
    }

    @Test
    void nextAfterTheEpochOrBeforeOneIsRefusedByName() {
        try (Minibatches batches = new Minibatches(data(), 200, SEED)) {
            assertEquals("no epoch started (startEpoch)", assertThrows(IllegalStateException.class, batches::next).getMessage());
            batches.startEpoch(0);
            batches.next();
            batches.next();
            assertFalse(batches.hasNext());
            assertEquals("the epoch has no more batches", assertThrows(IllegalStateException.class, batches::next).getMessage());
        }
    }

    @Test
    void aStartedEpochCanBeLeftAndAnotherStarted() {
        DataSet data = data().castTo(DataType.FLOAT);
        try (Minibatches batches = new Minibatches(data, 10, SEED)) {
            batches.startEpoch(0);
            batches.next();
            batches.startEpoch(1);
            int[] order = DataSet.permutation(ROWS, new Random(SEED * 1_000_003L + 1));
            assertArrayEquals(data.features().getRow(order[0]).toFloatVector(), batches.next().features().getRow(0).toFloatVector(), 0f);
        }
    }
}
