package org.neuronkit.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;
import org.neuronkit.activation.Activations;
import org.neuronkit.eval.Decision;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/**
 * A row with a NaN or infinite value has non-finite outputs, and so no class: predict fails naming it, on the lean
 * path (few rows) and the ND4J one (many), for softmax and single logistic outputs, where it used to return class 0.
 */
class NonFiniteRowTest {
    private static final String MESSAGE = ": the model's outputs are not finite (NaN or infinity), so the row has no class;"
            + " one of its values is NaN, infinite, or far outside the range of the training data";

    private static float[][] rows(int n, int bad, float value) {
        float[][] rows = new float[n][4];
        for (float[] row : rows) {
            Arrays.fill(row, 0.5f);
        }
        rows[bad][2] = value;
        return rows;
    }

    @Test
    void aRowWithoutFiniteOutputsHasNoClass() {
        for (int outputs : new int[] {3, 1}) {
            Network network = Network.builder(4).dense(5, Activations.relu())
                    .output(outputs, outputs == 1 ? Losses.logisticCrossEntropy() : Losses.softmaxCrossEntropy())
                    .dataType(DataType.FLOAT).seed(2).build();
            try (Predictor predictor = Predictor.of(network)) {
                for (int n : new int[] {2, 100}) {
                    for (float value : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
                        float[][] rows = rows(n, 1, value);
                        DataException e = assertThrows(DataException.class, () -> predictor.predict(rows), outputs + " outputs, " + n + " rows");
                        assertEquals("row 2" + MESSAGE, e.getMessage());
                        assertThrows(DataException.class, () -> predictor.predictNames(rows));
                    }
                    float[][] fine = rows(n, 1, 0.25f);
                    assertArrayEquals(network.predict(Nd4j.createFromArray(fine)), predictor.predict(fine), "finite rows are classified");
                }
            }
            DataException direct = assertThrows(DataException.class, () -> network.predict(Nd4j.createFromArray(rows(3, 2, Float.NaN))));
            assertEquals("row 3" + MESSAGE, direct.getMessage());
        }
        assertEquals("row 1" + MESSAGE, assertThrows(DataException.class,
                () -> Decision.of(Nd4j.createFromArray(new float[][] {{Float.NaN, 0}}))).getMessage());
    }
}
