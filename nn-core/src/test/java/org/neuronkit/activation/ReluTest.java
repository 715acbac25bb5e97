package org.neuronkit.activation;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ReLU's backward pass, written as mask-and-multiply, against its definition element by element. */
class ReluTest {

    @Test
    void backwardPassesTheGradientExactlyWhereZIsPositiveAndZeroElsewhere() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double[] zs = {-3, -1e-30, 0, 1e-30, 0.5, 7};
            INDArray z = Nd4j.createFromArray(new double[][] {zs, zs}).castTo(type);
            INDArray dLda = Nd4j.createFromArray(new double[][] {{1.5, -2, 3, -4.25, 5, 6}, {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}}).castTo(type);
            INDArray a = z.ulike();
            INDArray dLdz = z.ulike().assign(99);
            Activation relu = Activations.relu();
            relu.forward(z, a);
            relu.backward(z, a, dLda, dLdz);
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < zs.length; c++) {
                    double expected = zs[c] > 0 ? dLda.getDouble(r, c) : 0.0;
                    assertEquals(expected, dLdz.getDouble(r, c), 0.0, type + " at z = " + zs[c]);
                }
            }
        }
    }

    @Test
    void aNonFiniteUpstreamGradientIsNotHiddenWhereTheUnitIsOff() {
        INDArray z = Nd4j.createFromArray(-1.0, 2.0);
        INDArray dLda = Nd4j.createFromArray(Double.NaN, 1.0);
        INDArray dLdz = z.ulike();
        Activation relu = Activations.relu();
        relu.backward(z, relu.apply(z), dLda, dLdz);
        assertTrue(Double.isNaN(dLdz.getDouble(0)), "NaN upstream at an inactive unit must reach the finite check: " + dLdz);
        assertEquals(1.0, dLdz.getDouble(1), 0.0);
    }

    @Test
    void aSecondBatchShapeGetsItsOwnMask() {
        Activation relu = Activations.relu();
        for (int rows : new int[] {4, 3, 4}) {
            INDArray z = Nd4j.linspace(-5, 1, rows * 3, DataType.DOUBLE).reshape(rows, 3);
            INDArray dLda = Nd4j.ones(DataType.DOUBLE, rows, 3).muli(2);
            INDArray dLdz = z.ulike();
            relu.backward(z, relu.apply(z), dLda, dLdz);
            assertEquals(z.gt(0).castTo(DataType.DOUBLE).muli(2), dLdz, "rows = " + rows);
        }
    }
}
