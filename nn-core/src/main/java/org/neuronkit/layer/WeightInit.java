package org.neuronkit.layer;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initial weights, drawn from a seeded {@link Random} so that a seed gives the same network on every
 * backend. Glorot/Xavier uniform, U(±√(6/(fan_in + fan_out))), keeps the variance of logistic and tanh
 * layers' inputs and gradients near 1; He normal, N(0, 2/fan_in), does the same for rectifiers.
 * Biases start at zero.
 */
public final class WeightInit {
    private final Random random;

    public WeightInit(long seed) {
        this.random = new Random(seed);
    }

    /** Fills {@code weights} by Glorot's rule, or He's if {@code rectifier}. */
    public void fill(INDArray weights, int fanIn, int fanOut, boolean rectifier) {
        double[] values = new double[Math.toIntExact(weights.length())];
        if (rectifier) {
            double std = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian() * std;
            }
        } else {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < values.length; i++) {
                values[i] = (random.nextDouble() * 2 - 1) * limit;
            }
        }
        weights.assign(Nd4j.create(values, weights.shape(), weights.dataType()));
    }
}
