package org.neuronkit.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every registry activation's {@link FloatKernel} (serving's lean path) against the one definition: an
 * element-wise one against its {@link Activation#formula() formula}, evaluated in double by the symbolic
 * package; a row-wise one (softmax, no formula) against its own {@link Activation#forward}. In float, to
 * 2e-6 relative (absolute below 1), on random z in [−5, 5], at the kinks and at |z| up to 1000, where
 * overflow or cancellation would show.
 */
class FloatKernelTest {
    private static final int ROWS = 6;
    private static final int WIDTH = 11;
    private static final double TOLERANCE = 2e-6;

    /** The registry's examples that have a float kernel. */
    static Stream<String> withKernel() {
        return Activations.REGISTRY.examples().stream().filter(spec -> Activations.parse(spec).floatKernel() != null);
    }

    /** The lean path would serve nothing if no activation had a kernel; the common ones must. */
    @Test
    void theCommonActivationsHaveAKernel() {
        for (String spec : new String[] {"relu", "tanh", "logistic", "identity", "softmax"}) {
            assertTrue(Activations.parse(spec).floatKernel() != null, spec + " has no float kernel");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withKernel")
    void kernelEqualsTheDefinition(String spec) {
        Activation f = Activations.parse(spec);
        float[] z = inputs(spec.hashCode());
        FloatBuffer values = FloatBuffer.wrap(z.clone());
        values.position(3); // absolute indices: the kernel neither reads nor moves the position
        f.floatKernel().apply(values, ROWS, WIDTH);
        assertEquals(3, values.position(), spec + ": the kernel moved the buffer's position");
        double[] expected = f.formula().isPresent() ? byFormula(f.formula().get(), z) : byForward(f, z);
        for (int i = 0; i < z.length; i++) {
            double tolerance = TOLERANCE * Math.max(1, Math.abs(expected[i]));
            assertEquals(expected[i], values.get(i), tolerance, spec + "(" + z[i] + "), value " + i);
        }
    }

    /** Softmax is the only row-wise activation with a kernel; every other kernel is checked against a formula. */
    @Test
    void onlyRowWiseActivationsAreCheckedAgainstTheirForward() {
        withKernel().filter(spec -> Activations.parse(spec).formula().isEmpty())
                .forEach(spec -> assertEquals("softmax", spec, spec + " has a kernel but no formula"));
        assertFalse(withKernel().toList().isEmpty());
    }

    private static double[] byFormula(ActivationFormula formula, float[] z) {
        double[] a = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            a[i] = formula.value().evaluate(Map.of(ActivationFormula.INPUT, (double) z[i]));
        }
        return a;
    }

    private static double[] byForward(Activation f, float[] z) {
        INDArray x = Nd4j.create(z, new long[] {ROWS, WIDTH}, 'c').castTo(DataType.DOUBLE);
        return f.apply(x).data().asDouble();
    }

    /** ROWS × WIDTH float z: the kinks, large magnitudes in the first row, random values in [−5, 5] in the others. */
    private static float[] inputs(long seed) {
        float[] z = new float[ROWS * WIDTH];
        float[] special = {-1000, -100, -40, -20, -2, -1, 0, 1, 2, 40, 1000};
        System.arraycopy(special, 0, z, 0, WIDTH);
        Random random = new Random(seed);
        for (int i = WIDTH; i < z.length; i++) {
            z[i] = random.nextFloat() * 10 - 5;
        }
        return z;
    }
}
