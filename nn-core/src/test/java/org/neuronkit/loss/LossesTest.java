package org.neuronkit.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.activation.Activations;
import org.neuronkit.network.Network;

/**
 * Values and error terms of the Huber, mean-absolute-error and class-weighted cross-entropy losses
 * against the formulas written out here in plain Java, their specs read back, and their refusals.
 */
class LossesTest {
    private static final int N = 6;
    private static final int C = 3;

    /** z (= ŷ for an identity output) and y, N × C, with residuals from −2 to 2. */
    private static double[][][] regressionBatch() {
        Random random = new Random(3);
        double[][] z = new double[N][C];
        double[][] y = new double[N][C];
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                y[n][c] = random.nextGaussian();
                z[n][c] = y[n][c] + 4 * random.nextDouble() - 2;
            }
        }
        return new double[][][] {z, y};
    }

    private interface Elementwise {
        double apply(double r);
    }

    /** Checks value = (1/N) Σ ρ(r) and δ = ρ′(r)/N for an identity output, r = ŷ − y. */
    private static void assertResidualLoss(Loss loss, Elementwise rho, Elementwise rhoPrime) {
        double[][][] batch = regressionBatch();
        INDArray z = Nd4j.create(batch[0]);
        INDArray y = Nd4j.create(batch[1]);
        double value = 0;
        double[][] delta = new double[N][C];
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                double r = batch[0][n][c] - batch[1][n][c];
                value += rho.apply(r) / N;
                delta[n][c] = rhoPrime.apply(r) / N;
            }
        }
        assertEquals(value, loss.value(z, z, y), 1e-12, loss.spec());
        INDArray computed = z.ulike();
        loss.delta(z, z, y, computed);
        for (int n = 0; n < N; n++) {
            assertArrayEquals(delta[n], computed.getRow(n).toDoubleVector(), 1e-15, loss.spec() + " δ row " + n);
        }
    }

    @Test
    void huberIsHalfTheSquareUpToDeltaAndLinearBeyond() {
        double d = 0.7;
        assertResidualLoss(Losses.huber(d),
                r -> Math.abs(r) <= d ? 0.5 * r * r : d * (Math.abs(r) - 0.5 * d),
                r -> Math.max(-d, Math.min(d, r)));
    }

    @Test
    void meanAbsoluteErrorIsTheMeanOfAbsoluteResiduals() {
        assertResidualLoss(Losses.meanAbsoluteError(), Math::abs, Math::signum);
    }

    /**
     * Class weights: the mean over N of w_{y⁽ⁿ⁾}·(logsumexp(zₙ) − z_{n,yₙ}), Keras's {@code class_weight}
     * convention, which differs from PyTorch's division by Σ w_{y⁽ⁿ⁾} for these weights; δ = w_{yₙ}(p − y)/N.
     */
    @Test
    void weightedSoftmaxCrossEntropyIsTheWeightedSumOverN() {
        double[] w = {0.5, 3.0, 1.25};
        int[] labels = {0, 1, 2, 1, 1, 0};
        Random random = new Random(5);
        double[][] z = new double[N][C];
        double[][] p = new double[N][C];
        double[][] y = new double[N][C];
        double weighted = 0;
        double weightSum = 0;
        double[][] delta = new double[N][C];
        for (int n = 0; n < N; n++) {
            double norm = 0;
            for (int c = 0; c < C; c++) {
                z[n][c] = 3 * random.nextGaussian();
                norm += Math.exp(z[n][c]);
            }
            y[n][labels[n]] = 1;
            for (int c = 0; c < C; c++) {
                p[n][c] = Math.exp(z[n][c]) / norm;
                delta[n][c] = w[labels[n]] * (p[n][c] - y[n][c]) / N;
            }
            weighted += w[labels[n]] * -Math.log(p[n][labels[n]]);
            weightSum += w[labels[n]];
        }
        Loss loss = Losses.softmaxCrossEntropy(ClassWeights.of(w));
        double value = loss.value(Nd4j.create(z), Nd4j.create(p), Nd4j.create(y));
        assertEquals(weighted / N, value, 1e-12);
        assertTrue(Math.abs(weighted / weightSum - value) > 0.1, "not PyTorch's mean over Σ w: " + weighted / weightSum);
        INDArray computed = Nd4j.create(DataType.DOUBLE, N, C);
        loss.delta(Nd4j.create(z), Nd4j.create(p), Nd4j.create(y), computed);
        for (int n = 0; n < N; n++) {
            assertArrayEquals(delta[n], computed.getRow(n).toDoubleVector(), 1e-15, "δ row " + n);
        }
    }

    /** One logistic output: −w_y [y log σ(z) + (1 − y) log(1 − σ(z))], averaged over N. */
    @Test
    void weightedBinaryCrossEntropyWeighsEachLabel() {
        double w0 = 0.4;
        double w1 = 2.5;
        double[][] z = {{1.5}, {-0.3}, {0.2}, {-2.0}};
        double[][] y = {{1}, {0}, {0}, {1}};
        double expected = 0;
        double[][] p = new double[4][1];
        for (int n = 0; n < 4; n++) {
            p[n][0] = 1 / (1 + Math.exp(-z[n][0]));
            double bce = -(y[n][0] * Math.log(p[n][0]) + (1 - y[n][0]) * Math.log(1 - p[n][0]));
            expected += (y[n][0] == 1 ? w1 : w0) * bce / 4;
        }
        Loss loss = Losses.logisticCrossEntropy(ClassWeights.of(w0, w1));
        assertEquals(expected, loss.value(Nd4j.create(z), Nd4j.create(p), Nd4j.create(y)), 1e-12);
    }

    @Test
    void balancedWeightsAreScikitLearns() {
        INDArray oneHot = Nd4j.create(new double[][] {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertArrayEquals(new long[] {4, 1, 1}, ClassWeights.counts(oneHot));
        ClassWeights balanced = ClassWeights.parse("balanced", oneHot);
        // w_c = N / (C n_c) = 6 / (3 n_c)
        assertEquals(0.5, balanced.get(0), 1e-15);
        assertEquals(2.0, balanced.get(1), 1e-15);
        assertEquals(2.0, balanced.get(2), 1e-15);
        assertArrayEquals(new long[] {3, 1}, ClassWeights.counts(Nd4j.create(new double[][] {{0}, {1}, {0}, {0}})));
        assertEquals("1.0,0.25", ClassWeights.parse(" 1, 0.25", oneHot).spec());
        DataException empty = assertThrows(DataException.class, () -> ClassWeights.balanced(new long[] {5, 0, 2}));
        assertEquals("balanced class weights: class 1 has no training samples (counts [5, 0, 2])", empty.getMessage());
    }

    @Test
    void specsReadBack() {
        assertEquals("huber(1.0)", Losses.parse("huber").spec());
        assertEquals("huber(0.5)", Losses.parse("huber(0.5)").spec());
        assertEquals("huber(2.0,logistic)", Losses.parse("huber(2, logistic)").spec());
        assertEquals("mae", Losses.parse("mae").spec());
        assertEquals("mae(tanh)", Losses.parse("mae(tanh)").spec());
        assertEquals("softmax-cross-entropy(0.5,2.0)", Losses.parse("softmax-cross-entropy(0.5, 2)").spec());
        assertEquals("logistic-cross-entropy(1.0,3.0)", Losses.parse("logistic-cross-entropy(1,3)").spec());
        for (Loss loss : new Loss[] {Losses.huber(0.3, Activations.leakyRelu(0.1)), Losses.meanAbsoluteError(Activations.logistic()),
                Losses.softmaxCrossEntropy(ClassWeights.of(0.1, 1.0 / 3, 7)), Losses.squaredError()}) {
            assertEquals(loss.spec(), Losses.parse(loss.spec()).spec());
            assertEquals(loss.outputActivation().spec(), Losses.parse(loss.spec()).outputActivation().spec());
        }
        assertEquals("softmax-cross-entropy(2.0,1.0)",
                Losses.softmaxCrossEntropy().withClassWeights(ClassWeights.of(2, 1)).spec());
    }

    @Test
    void badSettingsAreRefusedWithTheirValue() {
        assertEquals("the Huber threshold δ must be a finite number > 0, got -1.0",
                assertThrows(ConfigurationException.class, () -> Losses.parse("huber(-1)")).getMessage());
        assertEquals("loss 'huber(one)': parameter 'one' is not a number",
                assertThrows(ConfigurationException.class, () -> Losses.parse("huber(one)")).getMessage());
        assertEquals("class weights '1,x': weight 1 'x' is not a number (expected balanced or w0,w1,…)",
                assertThrows(ConfigurationException.class, () -> ClassWeights.parse("1,x", null)).getMessage());
        assertEquals("class weight 0 must be a finite number ≥ 0, got -2.0",
                assertThrows(ConfigurationException.class, () -> ClassWeights.of(-2, 1)).getMessage());
        assertEquals("class weights apply to softmax-cross-entropy and logistic-cross-entropy, not to mae",
                assertThrows(ConfigurationException.class, () -> Losses.meanAbsoluteError().withClassWeights(
                        ClassWeights.of(1, 2))).getMessage());
        ConfigurationException count = assertThrows(ConfigurationException.class,
                () -> Network.builder(2).output(3, Losses.softmaxCrossEntropy(ClassWeights.of(1, 2))));
        assertEquals("2 class weights [1.000, 2.000] for an output layer of 3 classes", count.getMessage());
        ConfigurationException single = assertThrows(ConfigurationException.class,
                () -> Network.builder(2).output(1, Losses.logisticCrossEntropy(ClassWeights.of(1, 2, 3))));
        assertTrue(single.getMessage().contains("needs 2 (w0 for y = 0, w1 for y = 1)"), single.getMessage());
        assertThrows(ConfigurationException.class, () -> Network.builder(2).l1(-0.1));
    }
}
