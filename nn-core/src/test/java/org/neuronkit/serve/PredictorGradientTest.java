package org.neuronkit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.gradcheck.FiniteDifferences;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/**
 * {@link Predictor#gradient}: ∂ŷ_c/∂x with respect to the raw input, checked against central
 * differences of {@link Predictor#output} itself (so the normaliser, softmax and the inference-mode
 * layers are all inside the function differentiated), in double precision.
 */
class PredictorGradientTest {
    /** Central differences in double with h = 1e-5: truncation ~h²·f‴ ≈ 1e-10, rounding ~1e-16/h ≈ 1e-11. */
    private static final double H = 1e-5;
    private static final double TOLERANCE = 1e-7;

    /**
     * Smooth activations (so no kink falls between x ± h), a learned swish β, batch norm with running
     * averages moved away from (0, 1) by training passes, and dropout, which inference must skip.
     */
    private static Network trainedDouble(int outputs, org.neuronkit.loss.Loss loss) {
        Network network = Network.builder(6).seed(7).dataType(DataType.DOUBLE)
                .dense(10, Activations.tanh()).batchNorm()
                .dense(9, Activations.parse("swish(learn-neuron,1.0)"))
                .dropout(0.4)
                .dense(8, Activations.elu(1.0)).batchNorm()
                .dense(7, Activations.gelu())
                .output(outputs, loss)
                .build();
        Nd4j.getRandom().setSeed(3);
        for (int step = 0; step < 5; step++) { // moves the running averages and leaves dropout's masks behind
            INDArray x = Nd4j.rand(DataType.DOUBLE, 16, 6).muli(2).subi(1);
            INDArray y = loss.classifies() ? oneHot(16, outputs, step) : Nd4j.rand(DataType.DOUBLE, 16, outputs);
            network.computeGradient(x, y);
            network.parameters().subi(network.gradients().mul(0.5));
        }
        return network;
    }

    private static INDArray oneHot(int rows, int classes, int shift) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, classes);
        for (int n = 0; n < rows; n++) {
            y.putScalar(n, (n + shift) % classes, 1.0);
        }
        return y;
    }

    /** Raw rows on their own scales (feature j around 10·j with spread j + 1), so that the normaliser matters. */
    private static INDArray rawRows(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.DOUBLE, n, 6);
        for (int j = 0; j < 6; j++) {
            x.getColumn(j).muli(j + 1).addi(10 * j);
        }
        return x;
    }

    /** max |analytic − numeric| over every row, class and feature, each numeric value from central differences of output(). */
    private static double worstError(Predictor predictor, INDArray x) {
        double worst = 0;
        for (int c = 0; c < predictor.outputSize(); c++) {
            int[] classes = new int[(int) x.rows()];
            java.util.Arrays.fill(classes, c);
            INDArray analytic = predictor.gradient(x, classes);
            assertEquals(DataType.DOUBLE, analytic.dataType());
            for (int n = 0; n < x.rows(); n++) {
                int row = n;
                int output = c;
                INDArray numeric = FiniteDifferences.centralGradient(
                        r -> predictor.output(r).getDouble(0, output), x.getRow(row, true).dup(), H);
                worst = Math.max(worst, analytic.getRow(row, true).sub(numeric).amaxNumber().doubleValue());
            }
        }
        return worst;
    }

    /** log p_c: softmax's logits are log p up to a per-row constant, so z_c − z_0 = log p_c − log p_0. */
    private static double logit(Predictor predictor, INDArray row, int c) {
        INDArray p = predictor.output(row);
        return Math.log(p.getDouble(0, c));
    }

    @Test
    void theProbabilityGradientEqualsCentralDifferencesOnRawInputs() {
        Network network = trainedDouble(4, Losses.softmaxCrossEntropy());
        Normalizer normalizer = Normalizer.standardize().fit(rawRows(200, 1));
        try (Predictor predictor = Predictor.of(network, normalizer, 2)) {
            double worst = worstError(predictor, rawRows(5, 2));
            assertTrue(worst < TOLERANCE, "max |∂ŷ/∂x − central difference| = " + worst);
        }
    }

    /**
     * The logit gradient: softmax's log p_c = z_c − logsumexp(z), so ∂z_c/∂x = ∂log p_c/∂x + ∂lse/∂x;
     * the difference of two classes' logit gradients equals that of their log-probabilities.
     */
    @Test
    void logitGradientsDifferLikeLogProbabilities() {
        Network network = trainedDouble(3, Losses.softmaxCrossEntropy());
        Normalizer normalizer = Normalizer.standardize().fit(rawRows(200, 1));
        try (Predictor predictor = Predictor.of(network, normalizer, 2)) {
            INDArray x = rawRows(4, 5);
            INDArray dz1 = predictor.logitGradient(x, new int[] {1, 1, 1, 1});
            INDArray dz0 = predictor.logitGradient(x, new int[] {0, 0, 0, 0});
            for (int n = 0; n < 4; n++) {
                int row = n;
                INDArray numeric = FiniteDifferences.centralGradient(
                        r -> logit(predictor, r, 1) - logit(predictor, r, 0), x.getRow(row, true).dup(), H);
                double error = dz1.getRow(row, true).sub(dz0.getRow(row, true)).sub(numeric).amaxNumber().doubleValue();
                assertTrue(error < TOLERANCE, "row " + row + ": " + error);
            }
        }
    }

    /** A regression model's target scaling ŷ = ŷ′·τ + υ is inside the function: the gradient is in target units per raw unit. */
    @Test
    void aRegressionGradientIsInTheTargetsUnits() {
        Network network = trainedDouble(2, Losses.squaredError());
        Normalizer inputs = Normalizer.standardize().fit(rawRows(200, 1));
        Normalizer targets = Normalizer.standardize().fit(Nd4j.createFromArray(new double[][] {{100, 1}, {300, 5}, {250, 2}}));
        try (Predictor predictor = Predictor.of(new ModelFile.Model(network, inputs, null, List.of(), targets))) {
            double worst = worstError(predictor, rawRows(3, 4));
            assertTrue(worst < 100 * TOLERANCE, "max error " + worst); // outputs are ~100× larger
            assertThrows(ConfigurationException.class, () -> predictor.gradient(rawRows(1, 4)));
        }
    }

    /** The gradient never writes the shared parameters (a learned swish β, batch norm's averages) nor the network's gradients. */
    @Test
    void theGradientLeavesTheModelAsItWas() {
        Network network = trainedDouble(4, Losses.softmaxCrossEntropy());
        INDArray before = network.parameters().dup();
        INDArray output = network.output(rawRows(3, 8));
        try (Predictor predictor = Predictor.of(network, null, 2)) {
            predictor.gradient(rawRows(3, 8));
        }
        assertEquals(before, network.parameters());
        assertEquals(output, network.output(rawRows(3, 8)));
    }

    /** Threads at once get, bit for bit, what one thread gets; the default class is the predicted one. */
    @Test
    void concurrentCallsAgreeWithOneThread() throws Exception {
        Network network = PredictorTest.network(11);
        try (Predictor predictor = Predictor.of(network, null, 3)) {
            INDArray x = PredictorTest.rows(7, 12);
            INDArray expected = predictor.gradient(x, predictor.predict(x));
            assertEquals(expected, predictor.gradient(x));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<INDArray>> results = new ArrayList<>();
                for (int t = 0; t < 12; t++) {
                    results.add(pool.submit(() -> predictor.gradient(x)));
                }
                for (Future<INDArray> result : results) {
                    assertEquals(expected, result.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void badClassesAndClosedPredictorsAreRefusedByName() {
        Network network = PredictorTest.network(11);
        Predictor predictor = Predictor.of(network, null, 1);
        INDArray x = PredictorTest.rows(2, 12);
        DataException range = assertThrows(DataException.class, () -> predictor.gradient(x, new int[] {0, 5}));
        assertEquals("row 1: class 5 is not an output of the model (0 … 4)", range.getMessage());
        DataException count = assertThrows(DataException.class, () -> predictor.gradient(x, new int[] {0}));
        assertEquals("the gradient needs one class per row: 2 rows, 1 classes", count.getMessage());
        predictor.close();
        assertThrows(IllegalStateException.class, () -> predictor.gradient(x));
        IllegalStateException replica = assertThrows(IllegalStateException.class,
                () -> network.replica().inputGradient(x, Nd4j.zeros(DataType.FLOAT, 2, 5), false));
        assertTrue(replica.getMessage().contains("gradientReplica()"), replica.getMessage());
    }
}
