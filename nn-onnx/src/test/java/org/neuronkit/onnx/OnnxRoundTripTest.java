package org.neuronkit.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.data.Normalizers;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.BatchNorm;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.Layers;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;

/**
 * Export → import gives back every network NeuronKit can build: the test walks the registries (every
 * activation example, every loss example, every normaliser, and a network holding every layer kind), and
 * each imported model has the same layer specs, loss, normaliser and class names, predicts the same
 * outputs within 1e-5 on raw rows, and is written as a model file that {@link ModelFile#load} reads back.
 */
class OnnxRoundTripTest {
    private static final double TOLERANCE = 1e-5;
    private static final int FEATURES = 8;
    private static final INDArray RAW = Nd4j.randn(new Random(5).nextLong(), new long[] {60, FEATURES}).castTo(DataType.FLOAT)
            .muli(3).addi(1.5);

    @TempDir
    Path dir;

    static Stream<String> activations() {
        return Activations.REGISTRY.examples().stream();
    }

    static Stream<String> losses() {
        return Losses.REGISTRY.examples().stream();
    }

    static Stream<String> normalisers() {
        return Normalizers.REGISTRY.examples().stream();
    }

    @ParameterizedTest
    @MethodSource("activations")
    void everyActivation(String spec) {
        assertRoundTrip(randomised(Network.builder(FEATURES).dense(7, Activations.parse(spec)).dense(6, Activations.parse(spec))
                .output(3, Losses.softmaxCrossEntropy()).seed(2).build()), standardised());
    }

    @ParameterizedTest
    @MethodSource("losses")
    void everyLoss(String spec) {
        Loss loss = Losses.parse(spec);
        assertRoundTrip(randomised(Network.builder(FEATURES).dense(5, Activations.tanh())
                .output(outputsFor(loss), loss).seed(3).build()), standardised());
    }

    @ParameterizedTest
    @MethodSource("normalisers")
    void everyNormaliser(String spec) {
        Normalizer normalizer = Normalizers.parse(spec);
        assertRoundTrip(randomised(Network.builder(FEATURES).dense(5, Activations.relu()).output(3, Losses.softmaxCrossEntropy())
                .seed(4).build()), normalizer == null ? null : normalizer.fit(RAW));
    }

    /**
     * One network holds a layer of every kind in {@link Layers#REGISTRY} (the test fails when a kind is added
     * and not here), with batch norm's running averages moved off (0, 1) and L1/L2 set.
     */
    @Test
    void everyLayerKind() {
        Network network = randomised(Network.builder(FEATURES).l2(1e-3).l1(1e-4)
                .dense(9, Activations.elu(0.7)).batchNorm().dropout(0.25)
                .maxout(6, 3).batchNorm()
                .output(4, Losses.softmaxCrossEntropy()).seed(6).build());
        Set<Class<? extends LayerSpec>> used = new HashSet<>();
        network.specs().forEach(s -> used.add(s.getClass()));
        assertEquals(new HashSet<>(Layers.specTypes().values()), used, "every layer kind is in the network");
        assertRoundTrip(network, standardised());
    }

    @Test
    void aDoublePrecisionNetworkComesBackAsItWas() {
        assertRoundTrip(randomised(Network.builder(FEATURES).dataType(DataType.DOUBLE).dense(5, Activations.gelu())
                .output(2, Losses.logisticCrossEntropy()).build()), null);
    }

    /**
     * A regression model with target scaling (ŷ = ŷ'·σ + μ, as train --task regression saves it): ONNX Runtime
     * computes the outputs in the targets' units, as {@link ModelFile.Model#output} does, and import gives
     * back the scaling. The targets' μ ≈ 150 and σ ≈ 60 are far from (0, 1), so a graph without the scaling fails.
     */
    @Test
    void aRegressionModelsTargetScalingIsUndoneInTheGraph() throws Exception {
        Network network = randomised(Network.builder(FEATURES).dense(6, Activations.tanh()).output(2, Losses.squaredError()).seed(7).build());
        INDArray targets = Nd4j.randn(new Random(8).nextLong(), new long[] {60, 2}).castTo(DataType.FLOAT).muli(60).addi(150);
        Normalizer scaling = Normalizer.standardize().fit(targets);
        ModelFile.Model original = new ModelFile.Model(network, standardised(), null, List.of("y1", "y2"), scaling);
        Path onnx = dir.resolve("regression.onnx");
        OnnxExport.write(original, onnx);

        float[][] expected = original.output(RAW).toFloatMatrix();
        double difference = OnnxRuntimeRunner.maxDifference(expected, OnnxRuntimeRunner.run(java.nio.file.Files.readAllBytes(onnx), RAW));
        assertTrue(difference <= 1e-5 * 300, "ONNX Runtime's outputs differ by " + difference + " (targets of about 150 ± 60)");

        ModelFile.Model imported = OnnxImport.read(onnx);
        assertEquals(scaling.spec(), imported.targetScaling().spec());
        assertEquals(scaling.params().get("shift"), imported.targetScaling().params().get("shift"));
        assertEquals(scaling.params().get("scale"), imported.targetScaling().params().get("scale"));
        assertTrue(original.output(RAW).sub(imported.output(RAW)).amaxNumber().doubleValue() <= 1e-5 * 300, "imported outputs");
    }

    /** Exports {@code network} with class names, imports the file, and checks everything the class javadoc says. */
    private void assertRoundTrip(Network network, Normalizer normalizer) {
        List<String> names = IntStream.range(0, network.outputSize()).mapToObj(i -> "class " + (char) ('A' + i)).toList();
        ModelFile.Model original = new ModelFile.Model(network, normalizer, null, names);
        Path onnx = dir.resolve("model.onnx");
        OnnxExport.write(original, onnx);
        ModelFile.Model imported = OnnxImport.read(onnx);

        assertEquals(network.specs(), imported.network().specs());
        assertEquals(network.loss().spec(), imported.network().loss().spec());
        assertEquals(network.l1(), imported.network().l1());
        assertEquals(network.l2(), imported.network().l2());
        assertEquals(names, imported.outputNames());
        assertEquals(normalizer == null ? null : normalizer.spec(), imported.normalizer() == null ? null : imported.normalizer().spec());
        assertSameOutputs(original, imported);

        Path saved = dir.resolve("imported.safetensors");
        ModelFile.save(imported.network(), imported.normalizer(), null, imported.outputNames(), saved);
        ModelFile.Model loaded = ModelFile.load(saved);
        assertEquals(names, loaded.outputNames());
        assertSameOutputs(original, loaded);
    }

    private static void assertSameOutputs(ModelFile.Model expected, ModelFile.Model actual) {
        INDArray want = expected.output(RAW).castTo(DataType.DOUBLE);
        INDArray got = actual.output(RAW).castTo(DataType.DOUBLE);
        double difference = want.sub(got).amaxNumber().doubleValue();
        assertTrue(difference <= TOLERANCE, expected.network() + ": the imported model's outputs differ by " + difference);
        if (expected.network().loss().classifies()) {
            assertArrayEquals(expected.predict(RAW), actual.predict(RAW));
        }
    }

    private static Normalizer standardised() {
        return Normalizer.standardize().fit(RAW);
    }

    /** The fewest outputs, from 2, that {@code loss} takes (a loss with class weights takes as many as it has weights). */
    private static int outputsFor(Loss loss) {
        for (int units = 2; ; units++) {
            try {
                loss.checkOutputSize(units);
                return units;
            } catch (ConfigurationException e) {
                assertTrue(units < 100, loss.spec() + " takes no output width up to 100");
            }
        }
    }

    /**
     * Every parameter drawn from U(−0.5, 0.5), then batch norm's running variances from U(0.5, 1.5) (a variance
     * is positive), so pre-activations reach both sides of every kink.
     */
    private static Network randomised(Network network) {
        OnnxExportTest.randomised(network);
        Random random = new Random(12);
        network.layers().stream().filter(BatchNorm.class::isInstance).map(BatchNorm.class::cast).forEach(norm -> {
            for (int j = 0; j < norm.outputSize(); j++) {
                norm.runningVariance().putScalar(j, 0.5 + random.nextDouble());
            }
        });
        return network;
    }
}
