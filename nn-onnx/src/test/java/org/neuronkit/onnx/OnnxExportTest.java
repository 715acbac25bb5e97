package org.neuronkit.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.FileWriteException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.BatchNorm;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.optim.Adam;
import org.neuronkit.train.Trainer;

/**
 * ONNX Runtime's output of every exported network equals NeuronKit's own output of the raw features
 * (normalised by the model's normaliser) within 1e-5, for every activation, for maxout and dropout,
 * and for the three output kinds.
 */
class OnnxExportTest {
    private static final double TOLERANCE = 1e-5;
    private static INDArray raw;
    private static Normalizer normalizer;

    @BeforeAll
    static void data() {
        INDArray digits = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).features();
        raw = digits.get(NDArrayIndex.interval(0, 200), NDArrayIndex.all()).dup();
        normalizer = Normalizer.standardize().fit(digits.get(NDArrayIndex.interval(200, digits.rows()), NDArrayIndex.all()));
    }

    /** Every registered activation in every form ({@code Activations.REGISTRY.examples()}). */
    static Stream<String> activations() {
        return Activations.REGISTRY.examples().stream();
    }

    @ParameterizedTest
    @MethodSource("activations")
    void everyActivationMatchesOnnxRuntime(String spec) {
        Network network = Network.builder(64)
                .dense(16, Activations.parse(spec))
                .dense(12, Activations.parse(spec))
                .output(10, Losses.softmaxCrossEntropy())
                .seed(3).build();
        assertMatches(randomised(network), normalizer);
    }

    @Test
    void maxoutAndDropoutMatchOnnxRuntime() {
        Network network = Network.builder(64)
                .maxout(20, 3).dropout(0.3)
                .maxout(8, 2)
                .output(10, Losses.softmaxCrossEntropy())
                .seed(5).build();
        assertMatches(randomised(network), normalizer);
    }

    /**
     * Batch norm exports in inference mode: after training passes have moved the running averages
     * away from (0, 1), and with γ and β drawn at random, ONNX Runtime's BatchNormalization gives
     * NeuronKit's inference output.
     */
    @Test
    void batchNormMatchesOnnxRuntimeWithItsRunningAverages() {
        Network network = Network.builder(64)
                .dense(16, Activations.relu()).batchNorm()
                .dense(12, Activations.tanh()).batchNorm()
                .output(10, Losses.softmaxCrossEntropy())
                .seed(6).build();
        INDArray x = normalizer.transform(raw.dup());
        INDArray y = Nd4j.zeros(x.dataType(), x.rows(), 10);
        for (int i = 0; i < x.rows(); i++) {
            y.putScalar(i, i % 10, 1);
        }
        for (int pass = 0; pass < 5; pass++) {
            network.computeGradient(x, y);
        }
        Random random = new Random(4);
        for (int l : new int[] {1, 3}) {
            BatchNorm norm = (BatchNorm) network.layers().get(l);
            assertTrue(norm.runningVariance().sub(1).amaxNumber().doubleValue() > 0.05, "the running variance moved: "
                    + norm.runningVariance());
            for (int j = 0; j < norm.outputSize(); j++) {
                norm.gamma().putScalar(j, 0.5 + random.nextDouble());
                norm.beta().putScalar(j, random.nextDouble() - 0.5);
            }
        }
        assertMatches(network, normalizer);
        assertMatches(network, null);
    }

    @Test
    void trainedDigitsClassifierMatchesOnTheTestSet() {
        DataSet.Split split = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.8, 42);
        Normalizer fitted = Normalizer.standardize().fit(split.train().features());
        DataSet train = DataSet.ofClasses(fitted.transform(split.train().features().dup()), split.train().labels(), 10);
        Network network = Network.builder(64).dense(32, Activations.geluTanh()).maxout(16, 3)
                .output(10, Losses.softmaxCrossEntropy()).seed(2).build();
        new Trainer(new Adam(0.005), 32, 3, 1).fit(network, train, null);
        INDArray test = split.test().features();
        float[][] onnx = OnnxRuntimeRunner.run(OnnxExport.toModel(network, fitted).toByteArray(), test);
        ModelFile.Model model = new ModelFile.Model(network, fitted);
        double difference = OnnxRuntimeRunner.maxDifference(model.output(test).toFloatMatrix(), onnx);
        assertTrue(difference <= TOLERANCE, "ONNX Runtime differs from NeuronKit by " + difference + " on the digits test set");
        assertArrayEquals(model.predict(test), Nd4j.argMax(Nd4j.create(onnx), 1).toIntVector());
    }

    @Test
    void logisticAndSquaredErrorOutputsMatchOnnxRuntime() {
        assertMatches(randomised(Network.builder(64).dense(10, Activations.relu())
                .output(3, Losses.logisticCrossEntropy()).build()), normalizer);
        assertMatches(randomised(Network.builder(64).dense(10, Activations.tanh())
                .output(2, Losses.squaredError()).build()), null);
        assertMatches(randomised(Network.builder(64).dense(10, Activations.gelu())
                .output(4, Losses.squaredError(Activations.softplus())).build()), normalizer);
    }

    @Test
    void writesAFileThatOnnxRuntimeLoads(@TempDir Path dir) throws IOException {
        Network network = randomised(Network.builder(64).dense(8, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).build());
        Path file = dir.resolve("digits.onnx");
        OnnxExport.write(network, normalizer, file);
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(OnnxExport.OPSET, model.getOpsetImport(0).getVersion());
        assertEquals("standardize", NeuronKitMetadata.get(model, NeuronKitMetadata.NORMALIZER));
        float[][] onnx = OnnxRuntimeRunner.run(Files.readAllBytes(file), raw);
        float[][] own = new ModelFile.Model(network, normalizer).output(raw).toFloatMatrix();
        assertTrue(OnnxRuntimeRunner.maxDifference(own, onnx) <= TOLERANCE);
    }

    @Test
    void aMissingDirectoryIsNamedAndNothingIsWritten(@TempDir Path dir) {
        Network network = Network.builder(4).output(2, Losses.softmaxCrossEntropy()).build();
        Path file = dir.resolve("absent").resolve("m.onnx");
        FileWriteException e = assertThrows(FileWriteException.class, () -> OnnxExport.write(network, null, file));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    /** Exports, runs in ONNX Runtime and compares with NeuronKit's output of the same raw rows. */
    private static void assertMatches(Network network, Normalizer normalizer) {
        byte[] model = OnnxExport.toModel(network, normalizer).toByteArray();
        float[][] onnx = OnnxRuntimeRunner.run(model, raw);
        float[][] own = new ModelFile.Model(network, normalizer).output(raw).toFloatMatrix();
        double difference = OnnxRuntimeRunner.maxDifference(own, onnx);
        assertTrue(difference <= TOLERANCE, network + ": ONNX Runtime differs from NeuronKit by " + difference);
    }

    /**
     * Every parameter, biases and learned β included, drawn from U(−0.5, 0.5): pre-activations then
     * reach both sides of every kink and the clipped ranges of the hard activations.
     */
    static Network randomised(Network network) {
        Random random = new Random(11);
        float[] values = new float[(int) network.parameterCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        network.parameters().assign(Nd4j.createFromArray(values).castTo(network.dataType()));
        return network;
    }
}
