package org.neuronkit.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ModelFileException;
import org.neuronkit.activation.Activations;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.serve.Predictor;
import org.neuronkit.testing.Gradients;
import org.neuronkit.testing.RandomTargets;

/**
 * Batch normalization: its forward values against a plain-Java double computation of the formulas,
 * its training-mode gradients against central differences inside whole networks, and its running
 * averages through model files and {@link Predictor} replicas.
 */
class BatchNormTest {
    private static final int M = 5;

    /** N × M doubles with a different mean and spread per feature. */
    private static double[][] data(int n, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][M];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < M; j++) {
                x[i][j] = (j - 2) * 3 + (0.5 + j) * random.nextGaussian();
            }
        }
        return x;
    }

    /** The batch statistics of column j, (mean, biased variance), in plain Java. */
    private static double[] statistics(double[][] x, int j) {
        double sum = 0;
        for (double[] row : x) {
            sum += row[j];
        }
        double mean = sum / x.length;
        double squares = 0;
        for (double[] row : x) {
            squares += (row[j] - mean) * (row[j] - mean);
        }
        return new double[] {mean, squares / x.length};
    }

    private static BatchNorm bound(double[] gamma, double[] beta) {
        BatchNorm layer = new BatchNorm(M);
        INDArray others = Nd4j.create(DataType.DOUBLE, 4 * M);
        layer.bind(Nd4j.create(DataType.DOUBLE, 0), others, Nd4j.create(DataType.DOUBLE, 0),
                Nd4j.create(DataType.DOUBLE, 4 * M), new WeightInit(1));
        layer.gamma().assign(Nd4j.createFromArray(gamma));
        layer.beta().assign(Nd4j.createFromArray(beta));
        return layer;
    }

    @Test
    void forwardValuesAndRunningAveragesMatchAPlainJavaComputation() {
        double[] gamma = {1.5, -0.7, 0.3, 2.0, 1.0};
        double[] beta = {0.2, -1.0, 0.0, 3.0, -0.4};
        BatchNorm layer = bound(gamma, beta);
        double[] runningMean = new double[M];
        double[] runningVariance = {1, 1, 1, 1, 1};
        for (int pass = 0; pass < 3; pass++) {
            double[][] x = data(7 + pass, pass);
            int n = x.length;
            double[][] y = layer.forwardTraining(Nd4j.createFromArray(x)).toDoubleMatrix();
            for (int j = 0; j < M; j++) {
                double[] s = statistics(x, j);
                for (int i = 0; i < n; i++) {
                    double expected = gamma[j] * (x[i][j] - s[0]) / Math.sqrt(s[1] + BatchNorm.EPSILON) + beta[j];
                    assertEquals(expected, y[i][j], 1e-12, "training output [" + i + "][" + j + "] of pass " + pass);
                }
                runningMean[j] = (1 - BatchNorm.MOMENTUM) * runningMean[j] + BatchNorm.MOMENTUM * s[0];
                runningVariance[j] = (1 - BatchNorm.MOMENTUM) * runningVariance[j] + BatchNorm.MOMENTUM * s[1] * n / (n - 1);
            }
            for (int j = 0; j < M; j++) {
                assertEquals(runningMean[j], layer.runningMean().getDouble(j), 1e-12, "μ_run of feature " + j);
                assertEquals(runningVariance[j], layer.runningVariance().getDouble(j), 1e-12, "σ²_run of feature " + j);
            }
        }
        double[][] x = data(4, 9);
        double[][] y = layer.forward(Nd4j.createFromArray(x)).toDoubleMatrix();
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < M; j++) {
                double expected = gamma[j] * (x[i][j] - runningMean[j]) / Math.sqrt(runningVariance[j] + BatchNorm.EPSILON) + beta[j];
                assertEquals(expected, y[i][j], 1e-12, "inference output [" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void aSingleRowBatchLeavesTheRunningAveragesAlone() {
        BatchNorm layer = bound(new double[] {1, 1, 1, 1, 1}, new double[] {0.5, 0.5, 0.5, 0.5, 0.5});
        layer.forwardTraining(Nd4j.createFromArray(data(6, 1)));
        INDArray mean = layer.runningMean().dup();
        INDArray variance = layer.runningVariance().dup();
        INDArray y = layer.forwardTraining(Nd4j.createFromArray(data(1, 2)));
        assertEquals(Nd4j.valueArrayOf(new long[] {1, M}, 0.5, DataType.DOUBLE), y, "x̂ = 0, so y = β");
        assertEquals(mean, layer.runningMean());
        assertEquals(variance, layer.runningVariance());
    }

    @Test
    void trainingModeBackpropMatchesCentralDifferencesInsideWholeNetworks() {
        Network network = Network.builder(4).dataType(DataType.DOUBLE).l2(0.05).seed(7)
                .dense(6, Activations.tanh()).batchNorm()
                .dense(5, Activations.elu(1.0)).batchNorm()
                .output(3, Losses.softmaxCrossEntropy()).build();
        Nd4j.getRandom().setSeed(17);
        network.parameters().addi(Nd4j.randn(DataType.DOUBLE, network.parameterCount()).muli(0.3));
        Random random = new Random(11);
        for (int rows : new int[] {9, 4}) {
            INDArray x = Nd4j.rand(DataType.DOUBLE, rows, 4).subi(0.5).muli(4);
            INDArray y = RandomTargets.of(network, random, rows);
            network.computeGradient(x, y);
            INDArray analytic = network.gradients().dup();
            // the training-mode risk: computeGradient's forward pass uses the batch statistics
            INDArray numeric = Gradients.central(network.parameters(), () -> network.computeGradient(x, y));
            Gradients.assertClose("tanh → BN → elu → BN → softmax, " + rows + " rows", analytic, numeric, 1e-6, 1e-4);
            for (int l : new int[] {1, 3}) {
                BatchNorm layer = (BatchNorm) network.layers().get(l);
                INDArray gammaGradient = analytic.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(
                        offsetIn(network, layer.gamma()), offsetIn(network, layer.gamma()) + layer.outputSize()));
                assertTrue(gammaGradient.norm2Number().doubleValue() > 1e-3, "∂R/∂γ of layer " + l + " is not trivially zero");
                assertEquals(0, analytic.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offsetIn(network, layer.runningMean()),
                        offsetIn(network, layer.runningMean()) + 2L * layer.outputSize())).amaxNumber().doubleValue(),
                        "the running averages are not trained");
            }
        }
    }

    /** Where a 1-D parameter view starts in the network's flat buffer. */
    private static long offsetIn(Network network, INDArray view) {
        return view.offset() - network.parameters().offset();
    }

    @Test
    void aBatchNormRightAfterTheInputIsGradientCheckedToo() {
        Network network = Network.builder(3).dataType(DataType.DOUBLE).seed(2)
                .batchNorm().dense(4, Activations.logistic()).output(2, Losses.squaredError()).build();
        Nd4j.getRandom().setSeed(5);
        network.parameters().addi(Nd4j.randn(DataType.DOUBLE, network.parameterCount()).muli(0.3));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 3).muli(5).addi(2);
        INDArray y = Nd4j.rand(DataType.DOUBLE, 6, 2);
        network.computeGradient(x, y);
        INDArray analytic = network.gradients().dup();
        INDArray numeric = Gradients.central(network.parameters(), () -> network.computeGradient(x, y));
        Gradients.assertClose("BN → logistic → squared error", analytic, numeric, 1e-6, 1e-4);
    }

    /** A FLOAT network trained a few Adam steps, so that γ, β and the running averages moved. */
    private static Network trained() {
        Network network = Network.builder(6).seed(4).dense(10, Activations.relu()).batchNorm()
                .dense(8, Activations.tanh()).batchNorm().output(3, Losses.softmaxCrossEntropy()).build();
        Adam adam = new Adam(0.01);
        Random random = new Random(3);
        Nd4j.getRandom().setSeed(8);
        BatchNorm first = (BatchNorm) network.layers().get(1);
        for (int step = 0; step < 20; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 16, 6).muli(4).addi(1);
            network.computeGradient(x, RandomTargets.of(network, random, 16));
            INDArray written = first.runningVariance().dup();
            INDArray gamma = first.gamma().dup();
            adam.step(network.parameters(), network.gradients());
            assertEquals(written, first.runningVariance(), "an optimizer step leaves the running averages alone");
            assertTrue(first.gamma().sub(gamma).amaxNumber().doubleValue() > 0, "but trains γ");
        }
        assertTrue(first.runningMean().amaxNumber().doubleValue() > 0.1, "the running mean moved: " + first.runningMean());
        return network;
    }

    @Test
    void modelFilesKeepGammaBetaAndTheRunningAveragesSoOutputsAreIdentical(@TempDir Path dir) {
        Network network = trained();
        Path file = dir.resolve("bn.safetensors");
        ModelFile.save(network, null, file);
        Network loaded = ModelFile.load(file).network();
        assertEquals(network.toString(), loaded.toString());
        BatchNorm saved = (BatchNorm) network.layers().get(3);
        BatchNorm restored = (BatchNorm) loaded.layers().get(3);
        assertEquals(saved.parameterViews(), restored.parameterViews());
        INDArray x = Nd4j.rand(DataType.FLOAT, 9, 6).muli(4);
        assertEquals(network.output(x), loaded.output(x));
    }

    @Test
    void damagedBatchNormFilesAreRefusedNamingTheProblem(@TempDir Path dir) throws Exception {
        Network network = trained();
        Path file = dir.resolve("bn.safetensors");
        ModelFile.save(network, null, file);
        String bytes = Files.readString(file, StandardCharsets.ISO_8859_1);

        Path renamed = Files.writeString(dir.resolve("renamed.safetensors"), bytes.replace("layers.1.running_var", "layers.1.running_vaz"),
                StandardCharsets.ISO_8859_1);
        String missing = assertThrows(ModelFileException.class, () -> ModelFile.load(renamed)).getMessage();
        assertTrue(missing.contains("tensor 'layers.1.running_var' is missing"), missing);

        String layer = "{\\\"type\\\":\\\"batchnorm\\\",\\\"momentum\\\":0.1,";
        assertTrue(bytes.contains(layer), bytes.substring(0, 400));
        Path badMomentum = Files.writeString(dir.resolve("momentum.safetensors"), bytes.replace(layer, layer.replace("0.1,", "1.5,")),
                StandardCharsets.ISO_8859_1);
        String invalid = assertThrows(ModelFileException.class, () -> ModelFile.load(badMomentum)).getMessage();
        assertTrue(invalid.startsWith("file " + badMomentum + ": ") && invalid.contains("the momentum must be in (0, 1]")
                && invalid.contains("m = 1.5"), invalid);

        ((BatchNorm) network.layers().get(1)).runningVariance().putScalar(3, -1);
        Path negative = dir.resolve("negative.safetensors");
        ModelFile.save(network, null, negative);
        String message = assertThrows(ModelFileException.class, () -> ModelFile.load(negative)).getMessage();
        assertTrue(message.contains("not finite, first at layer 2, BatchNorm(10): activations"), message);
    }

    @Test
    void predictorReplicasUseTheSharedRunningAverages() {
        try (Network network = trained(); Predictor predictor = Predictor.of(network)) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 7, 6).muli(4);
            INDArray before = network.output(x);
            assertEquals(before, predictor.output(x));
            // training moves the running averages in the shared buffer: the replicas see the change
            network.computeGradient(Nd4j.rand(DataType.FLOAT, 16, 6).muli(9), RandomTargets.of(network, new Random(1), 16));
            INDArray after = network.output(x);
            assertTrue(after.sub(before).amaxNumber().doubleValue() > 1e-4, "the running averages changed the outputs");
            assertEquals(after, predictor.output(x));
        }
    }
}
