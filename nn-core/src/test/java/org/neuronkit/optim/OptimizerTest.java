package org.neuronkit.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.layer.Dense;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/** The update rules against hand computations. */
class OptimizerTest {
    private static final double ALPHA = 0.3;
    private static final double LAMBDA = 0.1;

    /**
     * docs/chapter.md §3 on a one-layer softmax classifier, with the per-sample gradient of cross-entropy written
     * out by hand (∂L/∂W = (ŷ − y) xᵀ, ∂L/∂b = ŷ − y):
     * W ← W − α((1/N) Σ ∂L/∂W + λW), b ← b − α (1/N) Σ ∂L/∂b.
     */
    @Test
    void sgdStepIsTheSpecUpdateComputedByHand() {
        Network network = Network.builder(3).dataType(DataType.DOUBLE).l2(LAMBDA).seed(3)
                .output(2, Losses.softmaxCrossEntropy()).build();
        Dense layer = (Dense) network.layers().get(0);
        layer.bias().assign(Nd4j.create(new double[][] {{0.2, -0.1}}));
        double[][] x = {{1.0, -2.0, 0.5}, {0.3, 0.8, -1.5}, {-0.7, 0.1, 2.0}, {1.2, 1.1, 0.0}};
        int[] label = {0, 1, 1, 0};
        double[][] w = layer.weights().toDoubleMatrix();
        double[] b = layer.bias().toDoubleVector();

        double[][] gradW = new double[2][3];
        double[] gradB = new double[2];
        for (int n = 0; n < x.length; n++) {
            double[] z = new double[2];
            for (int m = 0; m < 2; m++) {
                z[m] = b[m];
                for (int k = 0; k < 3; k++) {
                    z[m] += w[m][k] * x[n][k];
                }
            }
            double max = Math.max(z[0], z[1]);
            double e0 = Math.exp(z[0] - max);
            double e1 = Math.exp(z[1] - max);
            double[] yHat = {e0 / (e0 + e1), e1 / (e0 + e1)};
            for (int m = 0; m < 2; m++) {
                double delta = yHat[m] - (label[n] == m ? 1 : 0);
                gradB[m] += delta / x.length;
                for (int k = 0; k < 3; k++) {
                    gradW[m][k] += delta * x[n][k] / x.length;
                }
            }
        }

        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 2);
        for (int n = 0; n < 4; n++) {
            y.putScalar(n, label[n], 1);
        }
        network.computeGradient(Nd4j.create(x), y);
        new Sgd(ALPHA).step(network.parameters(), network.gradients());

        for (int m = 0; m < 2; m++) {
            assertEquals(b[m] - ALPHA * gradB[m], layer.bias().getDouble(0, m), 1e-14, "bias " + m + " has no λ term");
            for (int k = 0; k < 3; k++) {
                double expected = w[m][k] - ALPHA * (gradW[m][k] + LAMBDA * w[m][k]);
                assertEquals(expected, layer.weights().getDouble(m, k), 1e-14, "W[" + m + "][" + k + "]");
            }
        }
    }

    /** On a two-layer network: the step equals the mean of the per-sample gradients (batch size 1, λ = 0) plus λW. */
    @Test
    void sgdStepAveragesPerSampleGradientsAndRegularisesWeightsOnly() {
        Network regularised = twoLayer(LAMBDA);
        Network plain = twoLayer(0);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 4).subi(0.5);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        for (int n = 0; n < 5; n++) {
            y.putScalar(n, n % 3, 1);
        }
        INDArray meanGradient = plain.gradients().ulike().assign(0);
        for (int n = 0; n < 5; n++) {
            plain.computeGradient(x.getRow(n, true), y.getRow(n, true));
            meanGradient.addi(plain.gradients().div(5));
        }
        INDArray before = regularised.parameters().dup();
        long weights = 4 * 6 + 6 * 3;
        INDArray expected = before.sub(meanGradient.mul(ALPHA));
        expected.get(NDArrayIndex.interval(0, weights)).subi(before.get(NDArrayIndex.interval(0, weights)).mul(ALPHA * LAMBDA));

        regularised.computeGradient(x, y);
        new Sgd(ALPHA).step(regularised.parameters(), regularised.gradients());
        assertEquals(0, expected.sub(regularised.parameters()).amaxNumber().doubleValue(), 1e-14);
    }

    private static Network twoLayer(double lambda) {
        return Network.builder(4).dataType(DataType.DOUBLE).l2(lambda).seed(5).dense(6, Activations.tanh())
                .output(3, Losses.softmaxCrossEntropy()).build();
    }

    @Test
    void momentumAccumulatesVelocity() {
        INDArray theta = Nd4j.create(new double[] {1.0, -2.0});
        Momentum momentum = new Momentum(0.1, 0.9);
        momentum.step(theta, Nd4j.create(new double[] {0.5, 1.0}));
        momentum.step(theta, Nd4j.create(new double[] {0.5, 1.0}));
        // v1 = −0.1 g, v2 = 0.9 v1 − 0.1 g = −0.19 g; θ = θ0 − 0.29 g
        assertEquals(1.0 - 0.29 * 0.5, theta.getDouble(0), 1e-15);
        assertEquals(-2.0 - 0.29 * 1.0, theta.getDouble(1), 1e-15);
    }

    @Test
    void adamMatchesTheAlgorithmWrittenOut() {
        assertAdamMatchesTheAlgorithmWrittenOut(new double[] {0.01, 0.01, 0.01}, false);
    }

    /**
     * The training loop hands Adam the same gradient array every step, so its native op is prepared
     * once and only its arguments (t, and α when a schedule changes it) are rewritten: the steps must
     * still be Adam's.
     */
    @Test
    void adamReusingItsArraysFollowsTheIterationAndAChangingRate() {
        assertAdamMatchesTheAlgorithmWrittenOut(new double[] {0.01, 0.01, 0.003, 0.001}, true);
    }

    /** Adam's steps with learning rate {@code rates[t − 1]} at step t, against the algorithm in doubles. */
    private static void assertAdamMatchesTheAlgorithmWrittenOut(double[] rates, boolean sameGradientArray) {
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] theta = {0.5, -1.0, 2.0};
        double[] m = new double[3];
        double[] v = new double[3];
        INDArray params = Nd4j.create(theta.clone());
        INDArray gradient = params.ulike();
        Adam adam = new Adam(rates[0], b1, b2, eps);
        double[][] grads = {{0.1, -0.2, 0.3}, {-0.5, 0.05, 1.0}, {0.2, 0.2, -0.7}, {0.3, -0.1, 0.4}};
        for (int t = 1; t <= rates.length; t++) {
            double lr = rates[t - 1];
            for (int i = 0; i < 3; i++) {
                double g = grads[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double alphaT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
                theta[i] -= alphaT * m[i] / (Math.sqrt(v[i]) + eps);
            }
            adam.setLearningRate(lr);
            INDArray g = Nd4j.create(grads[t - 1].clone());
            adam.step(params, sameGradientArray ? gradient.assign(g) : g);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(theta[i], params.getDouble(i), 1e-12, "θ" + i);
        }
        assertEquals(rates.length, adam.state().get("step").getInt(0));
    }

    @Test
    void badLearningRatesAndNamesAreRejected() {
        assertEquals("the learning rate must be a finite number > 0, got -1.0",
                assertThrows(ConfigurationException.class, () -> new Sgd(-1)).getMessage());
        assertThrows(ConfigurationException.class, () -> new Adam(Double.NaN));
        assertEquals("unknown optimizer 'adamx'; known: " + String.join(", ", Optimizers.REGISTRY.usages()),
                assertThrows(ConfigurationException.class, () -> Optimizers.byName("adamx", 0.1)).getMessage());
        assertEquals("optimizer 'adam(gamma=0.5)': parameter 'gamma=0.5' is not one of lr=…, beta1=…, beta2=…, eps=…",
                assertThrows(ConfigurationException.class, () -> Optimizers.parse("adam(gamma=0.5)")).getMessage());
    }

    /** The spec a checkpoint stores parses back into an optimizer with the same spec, for every registered optimizer. */
    @Test
    void specRoundTripsThroughTheRegistry() {
        for (String name : Optimizers.REGISTRY.examples()) {
            Optimizer optimizer = Optimizers.byName(name, 0.0375);
            assertEquals(0.0375, optimizer.learningRate());
            assertEquals(optimizer.spec(), Optimizers.parse(optimizer.spec().toString()).spec(), name);
        }
        assertEquals("adam(lr=0.5, beta1=0.8, beta2=0.999, eps=1.0E-8)", Optimizers.parse("ADAM(lr=0.5, beta1=0.8)").spec().toString());
    }
}
