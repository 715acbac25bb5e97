package org.neuronkit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;

/**
 * Nesterov, RMSProp, AdaGrad and AdamW against their algorithms written out as plain double loops:
 * a few steps on random parameters and gradients, with the learning rate changing between steps (as
 * a per-step schedule changes it) and the same gradient array handed in every step (as the trainer
 * does), compared entry by entry.
 */
class UpdateRuleTest {
    private static final int N = 7;
    private static final double[] RATES = {0.05, 0.05, 0.02, 0.1, 0.01};

    /** One step of the written-out algorithm on {@code theta}, with its own state, at step t (from 1). */
    private interface Reference {
        void step(double[] theta, double[] g, double lr, int t);
    }

    @Test
    void nesterovIsSutskeversForm() {
        double mu = 0.85;
        double[] v = new double[N];
        assertFollows(new Nesterov(RATES[0], mu), (theta, g, lr, t) -> {
            for (int i = 0; i < N; i++) {
                v[i] = mu * v[i] - lr * g[i];
                theta[i] += mu * v[i] - lr * g[i];
            }
        });
    }

    @Test
    void rmsPropDividesByTheRootMeanSquare() {
        double rho = 0.9;
        double eps = 1e-6;
        double[] s = new double[N];
        assertFollows(new RmsProp(RATES[0], rho, eps), (theta, g, lr, t) -> {
            for (int i = 0; i < N; i++) {
                s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                theta[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
            }
        });
    }

    @Test
    void adaGradDividesByTheRootOfTheSumOfSquares() {
        double eps = 1e-7;
        double[] h = new double[N];
        assertFollows(new AdaGrad(RATES[0], eps), (theta, g, lr, t) -> {
            for (int i = 0; i < N; i++) {
                h[i] += g[i] * g[i];
                theta[i] -= lr * g[i] / (Math.sqrt(h[i]) + eps);
            }
        });
    }

    /** The first 4 of 7 entries are weights: only they decay. */
    @Test
    void adamWDecaysTheWeightsApartFromAdamsStep() {
        AdamW adamW = new AdamW(RATES[0], 0.9, 0.99, 1e-8, 0.3);
        adamW.setWeightCount(4);
        assertFollows(adamW, adamW(0.9, 0.99, 1e-8, 0.3, 4));
    }

    /** Never told the weight region (outside a trainer), AdamW decays every entry. */
    @Test
    void adamWToldNothingDecaysTheWholeBuffer() {
        assertFollows(new AdamW(RATES[0], 0.9, 0.999, 1e-8, 0.1), adamW(0.9, 0.999, 1e-8, 0.1, N));
    }

    /** θ ← θ − α_t m / (√v + ε) − αλθ on the first {@code weights} entries, α_t = α √(1−β₂ᵗ) / (1−β₁ᵗ). */
    private static Reference adamW(double b1, double b2, double eps, double lambda, int weights) {
        double[] m = new double[N];
        double[] v = new double[N];
        return (theta, g, lr, t) -> {
            double alphaT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < N; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double decay = i < weights ? lr * lambda * theta[i] : 0;
                theta[i] -= alphaT * m[i] / (Math.sqrt(v[i]) + eps) + decay;
            }
        };
    }

    @Test
    void adamWWithoutDecayIsAdam() {
        Random random = new Random(4);
        INDArray a = Nd4j.create(randoms(random));
        INDArray b = a.dup();
        Adam adam = new Adam(0.01);
        AdamW adamW = new AdamW(0.01, 0);
        for (int t = 0; t < 3; t++) {
            INDArray g = Nd4j.create(randoms(random));
            adam.step(a, g.dup());
            adamW.step(b, g);
        }
        assertEquals(a, b);
    }

    @Test
    void theNewRulesAreFoundByNameAndDescribeThemselves() {
        assertEquals("nesterov(lr=0.1, mu=0.9)", Optimizers.byName("nesterov", 0.1).spec().toString());
        assertEquals("rmsprop(lr=0.1, rho=0.9, eps=1.0E-8)", Optimizers.byName("RMSProp", 0.1).spec().toString());
        assertEquals("adagrad(lr=0.1, eps=1.0E-8)", Optimizers.byName("adagrad", 0.1).spec().toString());
        assertEquals("adamw(lr=0.1, beta1=0.9, beta2=0.999, eps=1.0E-8, wd=0.01)", Optimizers.byName("adamw", 0.1).spec().toString());
        assertEquals("momentum μ must be in [0, 1), got 1.0", assertThrows(ConfigurationException.class, () -> new Nesterov(0.1, 1)).getMessage());
        assertEquals("RMSProp's decay ρ must be in [0, 1), got 1.5",
                assertThrows(ConfigurationException.class, () -> new RmsProp(0.1, 1.5, 1e-8)).getMessage());
        assertEquals("ε must be a finite number > 0, got 0.0", assertThrows(ConfigurationException.class, () -> new AdaGrad(0.1, 0)).getMessage());
        assertEquals("AdamW's weight decay λ must be a finite number ≥ 0, got -0.1",
                assertThrows(ConfigurationException.class, () -> new AdamW(0.1, -0.1)).getMessage());
    }

    /** {@code optimizer}'s steps against {@code reference}'s, from the same random θ and gradients. */
    private static void assertFollows(Optimizer optimizer, Reference reference) {
        Random random = new Random(17);
        double[] theta = randoms(random);
        INDArray params = Nd4j.create(theta.clone());
        INDArray gradient = params.ulike();
        for (int t = 1; t <= RATES.length; t++) {
            double[] g = randoms(random);
            reference.step(theta, g, RATES[t - 1], t);
            optimizer.setLearningRate(RATES[t - 1]);
            optimizer.step(params, gradient.assign(Nd4j.create(g)));
            for (int i = 0; i < N; i++) {
                assertEquals(theta[i], params.getDouble(i), 1e-12, optimizer.spec() + ": θ" + i + " after step " + t);
            }
        }
    }

    /** N values in [−1, 1), some times 10, so that the steps differ in size. */
    private static double[] randoms(Random random) {
        double[] values = new double[N];
        for (int i = 0; i < N; i++) {
            values[i] = (2 * random.nextDouble() - 1) * (i % 3 == 0 ? 10 : 1);
        }
        return values;
    }
}
