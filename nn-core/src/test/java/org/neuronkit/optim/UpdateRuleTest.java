package org.neuronkit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.ConfigurationException;

/**
 * Nesterov, RMSProp, AdaGrad, Adam and AdamW against their algorithms written out as plain double
 * loops: a few steps on random parameters and gradients, with the learning rate changing between
 * steps (as a per-step schedule changes it) and the same gradient array handed in every step (as the
 * trainer does), compared entry by entry, in DOUBLE (the native ops) and in FLOAT (the Java passes).
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
        assertFollows(() -> new Nesterov(RATES[0], mu), () -> new Reference() {
            double[] v;

            @Override
            public void step(double[] theta, double[] g, double lr, int t) {
                v = v == null ? new double[theta.length] : v;
                for (int i = 0; i < theta.length; i++) {
                    v[i] = mu * v[i] - lr * g[i];
                    theta[i] += mu * v[i] - lr * g[i];
                }
            }
        });
    }

    @Test
    void rmsPropDividesByTheRootMeanSquare() {
        double rho = 0.9;
        double eps = 1e-6;
        assertFollows(() -> new RmsProp(RATES[0], rho, eps), () -> new Reference() {
            double[] s;

            @Override
            public void step(double[] theta, double[] g, double lr, int t) {
                s = s == null ? new double[theta.length] : s;
                for (int i = 0; i < theta.length; i++) {
                    s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                    theta[i] -= lr * g[i] / (Math.sqrt(s[i]) + eps);
                }
            }
        });
    }

    @Test
    void adaGradDividesByTheRootOfTheSumOfSquares() {
        double eps = 1e-7;
        assertFollows(() -> new AdaGrad(RATES[0], eps), () -> new Reference() {
            double[] h;

            @Override
            public void step(double[] theta, double[] g, double lr, int t) {
                h = h == null ? new double[theta.length] : h;
                for (int i = 0; i < theta.length; i++) {
                    h[i] += g[i] * g[i];
                    theta[i] -= lr * g[i] / (Math.sqrt(h[i]) + eps);
                }
            }
        });
    }

    /** The first 4 of 7 entries are weights: only they decay. */
    @Test
    void adamWDecaysTheWeightsApartFromAdamsStep() {
        assertFollows(() -> {
            AdamW adamW = new AdamW(RATES[0], 0.9, 0.99, 1e-8, 0.3);
            adamW.setWeightCount(4);
            return adamW;
        }, () -> adamW(0.9, 0.99, 1e-8, 0.3, 4));
    }

    @Test
    void adamIsTheAlgorithmWrittenOut() {
        assertFollows(() -> new Adam(RATES[0], 0.8, 0.99, 1e-7), () -> adamW(0.8, 0.99, 1e-7, 0, 0));
    }

    /** Never told the weight region (outside a trainer), AdamW decays every entry. */
    @Test
    void adamWToldNothingDecaysTheWholeBuffer() {
        assertFollows(() -> new AdamW(RATES[0], 0.9, 0.999, 1e-8, 0.1), () -> adamW(0.9, 0.999, 1e-8, 0.1, Integer.MAX_VALUE));
    }

    /** θ ← θ − α_t m / (√v + ε) − αλθ on the first {@code weights} entries, α_t = α √(1−β₂ᵗ) / (1−β₁ᵗ). */
    private static Reference adamW(double b1, double b2, double eps, double lambda, int weights) {
        return new Reference() {
            double[] m;
            double[] v;

            @Override
            public void step(double[] theta, double[] g, double lr, int t) {
                m = m == null ? new double[theta.length] : m;
                v = v == null ? new double[theta.length] : v;
                double alphaT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                for (int i = 0; i < theta.length; i++) {
                    m[i] = b1 * m[i] + (1 - b1) * g[i];
                    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                    double decay = i < weights ? lr * lambda * theta[i] : 0;
                    theta[i] -= alphaT * m[i] / (Math.sqrt(v[i]) + eps) + decay;
                }
            }
        };
    }

    @Test
    void adamWWithoutDecayIsAdam() {
        Random random = new Random(4);
        INDArray a = Nd4j.create(randoms(random, N));
        INDArray b = a.dup();
        Adam adam = new Adam(0.01);
        AdamW adamW = new AdamW(0.01, 0);
        for (int t = 0; t < 3; t++) {
            INDArray g = Nd4j.create(randoms(random, N));
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

    /**
     * {@code optimizer}'s steps against {@code reference}'s, from the same random θ and gradients,
     * twice: in DOUBLE on N entries (libnd4j's fused updater ops), and in FLOAT on a view at an offset
     * into a larger buffer, over several chunks of the Java pass and a partial one
     * ({@link FloatUpdatePass}), where the entries around the view must stay as they were.
     */
    private static void assertFollows(Supplier<Optimizer> optimizer, Supplier<Reference> reference) {
        assertFollows(optimizer.get(), reference.get(), Nd4j.create(DataType.DOUBLE, N), 1e-12);
        int n = 2 * FloatUpdatePass.CHUNK + 37;
        int offset = 5;
        INDArray buffer = Nd4j.create(DataType.FLOAT, offset + n + 3).assign(7);
        INDArray view = buffer.get(NDArrayIndex.interval(offset, offset + n));
        assertFollows(optimizer.get(), reference.get(), view, 1e-5);
        for (int i : new int[] {0, offset - 1, offset + n, offset + n + 2}) {
            assertEquals(7, buffer.getDouble(i), "entry " + i + " outside the parameters");
        }
    }

    /**
     * Steps on {@code params} (its length and data type), the same gradient array every step, the
     * rate changing between steps; θ compared after each step within {@code tolerance} × max(1, |θ|).
     */
    private static void assertFollows(Optimizer optimizer, Reference reference, INDArray params, double tolerance) {
        Random random = new Random(17);
        int n = (int) params.length();
        double[] theta = randoms(random, n);
        params.assign(Nd4j.create(theta));
        for (int i = 0; i < n; i++) {
            theta[i] = params.getDouble(i); // the values as the data type holds them
        }
        INDArray gradient = Nd4j.create(params.dataType(), n);
        for (int t = 1; t <= RATES.length; t++) {
            INDArray g = Nd4j.create(randoms(random, n)).castTo(params.dataType());
            reference.step(theta, g.toDoubleVector(), RATES[t - 1], t);
            optimizer.setLearningRate(RATES[t - 1]);
            optimizer.step(params, gradient.assign(g));
            for (int i = 0; i < n; i++) {
                assertEquals(theta[i], params.getDouble(i), tolerance * Math.max(1, Math.abs(theta[i])),
                        optimizer.spec() + " in " + params.dataType() + ": θ" + i + " after step " + t);
            }
        }
    }

    /** n values in [−1, 1), some times 10, so that the steps differ in size. */
    private static double[] randoms(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = (2 * random.nextDouble() - 1) * (i % 3 == 0 ? 10 : 1);
        }
        return values;
    }
}
