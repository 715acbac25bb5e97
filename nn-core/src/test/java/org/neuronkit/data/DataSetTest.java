package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;

class DataSetTest {

    @Test
    void javaArraysBecomeFeaturesAndOneHotTargets() {
        DataSet data = DataSet.ofClasses(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {2, 0, 1}, 3);
        assertEquals(3, data.size());
        assertEquals(2, data.featureCount());
        assertEquals(Nd4j.create(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}).castTo(data.targets().dataType()), data.targets());
        DataSet floats = DataSet.ofClasses(new float[][] {{1f}, {2f}}, new int[] {0, 1}, 2);
        assertArrayEquals(new int[] {0, 1}, floats.labels());
    }

    @Test
    void badInputIsRejectedWithItsLocation() {
        assertTrue(assertThrows(DataException.class, () -> DataSet.ofClasses(new double[0][], new int[0], 2))
                .getMessage().contains("empty"));
        DataException label = assertThrows(DataException.class,
                () -> DataSet.ofClasses(new double[][] {{1}, {2}}, new int[] {0, 7}, 3));
        assertEquals("label 7 of sample 1 is outside the classes 0..2", label.getMessage());
        DataException nan = assertThrows(DataException.class,
                () -> DataSet.ofClasses(new double[][] {{1, 2}, {3, Double.NaN}}, new int[] {0, 1}, 2));
        assertEquals("sample 1, feature 1 is NaN: NaN and infinite values cannot be trained on", nan.getMessage());
        DataException inf = assertThrows(DataException.class,
                () -> DataSet.ofClasses(new double[][] {{Double.NEGATIVE_INFINITY, 2}}, new int[] {0}, 2));
        assertTrue(inf.getMessage().startsWith("sample 0, feature 0 is -Infinity"), inf.getMessage());
        DataException ragged = assertThrows(DataException.class,
                () -> DataSet.ofClasses(new double[][] {{1, 2}, {3}}, new int[] {0, 1}, 2));
        assertEquals("row 1 has 1 features, row 0 has 2", ragged.getMessage());
        assertThrows(DataException.class, () -> DataSet.ofClasses(new double[][] {{1}}, new int[] {0, 1}, 2));
    }

    /** Values near the float maximum are finite even when their sum is not: accepted, and a NaN after them is still named. */
    @Test
    void finiteValuesWhoseSumOverflowsAreAccepted() {
        float big = 3e38f;
        DataSet data = DataSet.ofClasses(new float[][] {{big, 1}, {big, 2}}, new int[] {0, 1}, 2);
        assertEquals(big, data.features().getFloat(1, 0));
        DataException nan = assertThrows(DataException.class,
                () -> DataSet.ofClasses(new float[][] {{big, 1}, {big, Float.NaN}}, new int[] {0, 1}, 2));
        assertEquals("sample 1, feature 1 is NaN: NaN and infinite values cannot be trained on", nan.getMessage());
    }

    @Test
    void minibatchesVisitEveryRowOncePerEpochInASeededOrder() {
        int n = 23;
        INDArray x = Nd4j.arange(n).reshape(n, 1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
        }
        DataSet data = DataSet.ofClasses(x, labels, 2);
        int[] first = epochOrder(new Minibatches(data, 5, 9), 0);
        int[] again = epochOrder(new Minibatches(data, 5, 9), 0);
        int[] second = epochOrder(new Minibatches(data, 5, 9), 1);
        assertArrayEquals(first, again, "same seed and epoch, same order");
        assertTrue(!Arrays.equals(first, second), "another epoch, another order");
        int[] sorted = first.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i]);
        }
        assertThrows(ConfigurationException.class, () -> new Minibatches(data, 0, 1));
    }

    /**
     * FLOAT data takes the row-by-row copy ({@link RowCopy}): every row of every batch, the last shorter
     * one included, is its source row whole (features and one-hot targets), and each row comes once.
     */
    @Test
    void floatMinibatchesHoldTheirSourceRowsWhole() {
        int n = 37;
        int width = 5;
        float[][] rows = new float[n][width];
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < width; c++) {
                rows[r][c] = r * 10 + c;
            }
            labels[r] = r % 3;
        }
        DataSet data = DataSet.ofClasses(rows, labels, 3).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        assertTrue(RowCopy.serves(data.features(), Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, width)));
        Minibatches batches = new Minibatches(data, 8, 4);
        batches.startEpoch(0);
        boolean[] seen = new boolean[n];
        while (batches.hasNext()) {
            Minibatches.Batch batch = batches.next();
            for (int i = 0; i < batch.size(); i++) {
                int r = (int) batch.features().getFloat(i, 0) / 10;
                assertTrue(!seen[r], "row " + r + " twice");
                seen[r] = true;
                assertArrayEquals(rows[r], batch.features().getRow(i).toFloatVector(), "features of row " + r);
                assertArrayEquals(data.targets().getRow(r).toFloatVector(), batch.targets().getRow(i).toFloatVector(), "targets of row " + r);
                assertEquals(labels[r], batch.labels()[i]);
            }
        }
        for (int r = 0; r < n; r++) {
            assertTrue(seen[r], "row " + r + " never delivered");
        }
    }

    /** The feature values (= row indices) in the order the batches deliver them, labels checked on the way. */
    private static int[] epochOrder(Minibatches batches, int epoch) {
        batches.startEpoch(epoch);
        int[] seen = new int[23];
        int k = 0;
        while (batches.hasNext()) {
            Minibatches.Batch batch = batches.next();
            for (int i = 0; i < batch.size(); i++) {
                int row = batch.features().getInt(i, 0);
                assertEquals(row % 2, batch.labels()[i]);
                assertEquals(1.0, batch.targets().getDouble(i, row % 2));
                seen[k++] = row;
            }
        }
        assertEquals(23, k);
        return seen;
    }

    @Test
    void bundledDigitsAreAllThere() {
        DataSet digits = BundledDatasets.digits();
        assertEquals(1797, digits.size());
        assertEquals(64, digits.featureCount());
        assertEquals(10, digits.numClasses());
        // the raw pixel counts of the file, so that a model trained on them takes the rows predict is given
        assertEquals(16.0, digits.features().maxNumber().doubleValue(), 0.0);
        assertEquals(0.0, digits.features().minNumber().doubleValue(), 0.0);
        DataSet scaled = digits.normalizedBy(BundledDatasets.digitsScaling());
        assertEquals(digits.features().getDouble(5, 20) / 16, scaled.features().getDouble(5, 20), 0.0);
        assertEquals(1.0, scaled.features().maxNumber().doubleValue(), 0.0);
        int[] counts = new int[10];
        for (int label : digits.labels()) {
            counts[label]++;
        }
        for (int count : counts) {
            assertTrue(count >= 170 && count <= 190, Arrays.toString(counts));
        }
    }
}
