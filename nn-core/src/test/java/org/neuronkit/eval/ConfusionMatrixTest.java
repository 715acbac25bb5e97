package org.neuronkit.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ConfusionMatrixTest {
    //                               actual: 0  0  1  1  2  2  2
    private static final int[] ACTUAL = {0, 0, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 1, 1, 1, 2, 0, 2};

    @Test
    void smallExampleByHand() {
        ConfusionMatrix e = ConfusionMatrix.of(PREDICTED, ACTUAL, 3);
        assertArrayEquals(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 2}}, e.confusionMatrix());
        assertEquals(5.0 / 7, e.accuracy(), 1e-15);
        assertEquals(0.5, e.precision(0), 1e-15);
        assertEquals(0.5, e.recall(0), 1e-15);
        assertEquals(2.0 / 3, e.precision(1), 1e-15);
        assertEquals(1.0, e.recall(1), 1e-15);
        assertEquals(0.8, e.f1(1), 1e-15);
        assertEquals(1.0, e.precision(2), 1e-15);
        assertEquals(2.0 / 3, e.recall(2), 1e-15);
        assertEquals((0.5 + 0.8 + 0.8) / 3, e.macroF1(), 1e-15);
    }

    /** Precision, recall and F1 counted straight from the samples, without a confusion matrix. */
    @Test
    void metricsMatchDirectCountsOnRandomData() {
        Random random = new Random(11);
        int n = 500;
        int classes = 4;
        int[] actual = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            actual[i] = random.nextInt(classes);
            predicted[i] = random.nextDouble() < 0.6 ? actual[i] : random.nextInt(classes);
        }
        ConfusionMatrix e = ConfusionMatrix.of(predicted, actual, classes);
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += predicted[i] == actual[i] ? 1 : 0;
        }
        assertEquals((double) correct / n, e.accuracy(), 1e-15);
        for (int c = 0; c < classes; c++) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < n; i++) {
                tp += predicted[i] == c && actual[i] == c ? 1 : 0;
                fp += predicted[i] == c && actual[i] != c ? 1 : 0;
                fn += predicted[i] != c && actual[i] == c ? 1 : 0;
            }
            assertEquals((double) tp / (tp + fp), e.precision(c), 1e-15);
            assertEquals((double) tp / (tp + fn), e.recall(c), 1e-15);
            assertEquals(2.0 * tp / (2 * tp + fp + fn), e.f1(c), 1e-12);
        }
    }

    @Test
    void arraysOfOutputsWithOneHotOrIndexLabels() {
        INDArray outputs = Nd4j.zeros(DataType.FLOAT, ACTUAL.length, 3);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, ACTUAL.length, 3);
        for (int i = 0; i < ACTUAL.length; i++) {
            outputs.putScalar(i, PREDICTED[i], 0.7);
            outputs.putScalar(i, (PREDICTED[i] + 1) % 3, 0.2);
            oneHot.putScalar(i, ACTUAL[i], 1);
        }
        long[][] expected = ConfusionMatrix.of(PREDICTED, ACTUAL, 3).confusionMatrix();
        assertArrayEquals(expected, ConfusionMatrix.of(outputs, oneHot).confusionMatrix());
        assertArrayEquals(expected, ConfusionMatrix.of(outputs, Nd4j.createFromArray(ACTUAL)).confusionMatrix());
    }

    @Test
    void neverPredictedClassHasZeroPrecision() {
        ConfusionMatrix e = ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 1}, 3);
        assertEquals(0.0, e.precision(1));
        assertEquals(0.0, e.recall(1));
        assertEquals(0.0, e.f1(2));
        assertEquals(0.5, e.precision(0));
    }

    @Test
    void reportShowsTableAndMatrix() {
        String text = ConfusionMatrix.of(PREDICTED, ACTUAL, 3).withClassNames(List.of("cat", "dog", "bird")).toString();
        String[] lines = text.split("\\R");
        assertEquals("accuracy 0.7143 (5 of 7)", lines[0]);
        assertEquals("class          precision     recall         F1    support", lines[2]);
        assertEquals("1 dog             0.6667     1.0000     0.8000          2", lines[4]);
        assertEquals("macro average     0.7222     0.7222     0.7000          7", lines[6]);
        assertEquals("confusion matrix (rows: actual class, columns: predicted class)", lines[8]);
        assertEquals("         0   1   2", lines[9]);
        assertEquals("     2   1   0   2", lines[12]);
    }

    @Test
    void badInputIsReported() {
        assertEquals("label 3 at row 1 is outside the classes 0..2",
                assertThrows(DataException.class, () -> ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 3}, 3)).getMessage());
        assertEquals("2 predictions for 3 labels",
                assertThrows(DataException.class, () -> ConfusionMatrix.of(new int[2], new int[3], 3)).getMessage());
    }
}
