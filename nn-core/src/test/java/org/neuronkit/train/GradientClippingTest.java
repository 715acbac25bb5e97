package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;

/** Clipping against the formulas computed in plain Java. */
class GradientClippingTest {

    private static double[] randoms(long seed, int n, double scale) {
        Random random = new Random(seed);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = (2 * random.nextDouble() - 1) * scale;
        }
        return g;
    }

    private static double norm(double[] g) {
        double sum = 0;
        for (double v : g) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    /** g ← g · min(1, c / ‖g‖₂): a long gradient is scaled to length c, a short one left alone. */
    @Test
    void byNormScalesALongGradientToTheLimitAndLeavesAShortOne() {
        double[] g = randoms(1, 50, 3);
        double length = norm(g);
        double c = length / 4;
        INDArray array = Nd4j.create(g.clone());
        GradientClipping clipping = GradientClipping.byNorm(c);
        assertEquals(length, clipping.apply(array), 1e-12);
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i] * c / length, array.getDouble(i), 1e-12, "g" + i);
        }
        INDArray shorter = Nd4j.create(g.clone());
        GradientClipping.byNorm(2 * length).apply(shorter);
        assertEquals(Nd4j.create(g), shorter);
    }

    @Test
    void byValueClampsEachEntry() {
        double[] g = randoms(2, 40, 2);
        INDArray array = Nd4j.create(DataType.FLOAT, 40).assign(Nd4j.create(g));
        GradientClipping.byValue(0.5).apply(array);
        for (int i = 0; i < g.length; i++) {
            assertEquals((float) Math.max(-0.5, Math.min(0.5, g[i])), array.getFloat(i), 0, "g" + i);
        }
    }

    /** Both: each entry clamped first, then the clamped vector scaled to the norm. */
    @Test
    void valueThenNorm() {
        double[] g = randoms(3, 30, 4);
        double[] clamped = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            clamped[i] = Math.max(-1, Math.min(1, g[i]));
        }
        double scale = Math.min(1, 2 / norm(clamped));
        INDArray array = Nd4j.create(g.clone());
        GradientClipping.byValue(1).andNorm(2).apply(array);
        for (int i = 0; i < g.length; i++) {
            assertEquals(clamped[i] * scale, array.getDouble(i), 1e-12, "g" + i);
        }
    }

    @Test
    void nonFiniteEntriesBecomeZeroAndTheOthersStay() {
        float[] g = {1.5f, Float.NaN, -2f, Float.POSITIVE_INFINITY, 0f, Float.NEGATIVE_INFINITY, -0.25f};
        INDArray array = Nd4j.create(g);
        GradientClipping clipping = GradientClipping.none();
        clipping.zeroNonFinite(array);
        clipping.apply(array);
        float[] expected = {1.5f, 0f, -2f, 0f, 0f, 0f, -0.25f};
        for (int i = 0; i < g.length; i++) {
            assertEquals(expected[i], array.getFloat(i), 0, "g" + i);
        }
    }

    @Test
    void limitsMustBePositive() {
        assertEquals("the gradient-clipping norm must be a number > 0, got 0.0",
                assertThrows(ConfigurationException.class, () -> GradientClipping.byNorm(0)).getMessage());
        assertEquals("the gradient-clipping value must be a number > 0, got NaN",
                assertThrows(ConfigurationException.class, () -> GradientClipping.byValue(Double.NaN)).getMessage());
    }
}
