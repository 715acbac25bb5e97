package org.neuronkit.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.layer.Layer;
import org.neuronkit.layer.Layers;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;

/**
 * The lean path against {@link Network#output}: every registry activation (hidden and output), every
 * layer kind and every loss is either served by the plan with outputs within 1e-5 relative of the
 * network's, or refused by a message naming it, and then served by ND4J with the same outputs.
 */
class LeanPlanTest {
    private static final int FEATURES = 6;
    private static final int[] BATCHES = {1, 3, 33};

    @Test
    void everyActivationIsServedWithTheNetworksOutputsOrRefusedByName() {
        for (String example : Activations.REGISTRY.examples()) {
            Activation activation = Activations.parse(example);
            check(builder -> builder.dense(9, Activations.parse(example)).dense(7, Activations.parse(example))
                    .output(4, Losses.softmaxCrossEntropy()), activation.floatKernel() != null, activation.spec());
            check(builder -> builder.dense(5, Activations.relu()).output(3, Losses.squaredError(Activations.parse(example))),
                    activation.floatKernel() != null, activation.spec());
        }
    }

    @Test
    void everyLayerKindIsServedOrRefusedByName() {
        for (String kind : Layers.REGISTRY.names()) {
            switch (kind) {
                case "dense", "output" -> check(b -> b.dense(8, Activations.tanh()).output(4, Losses.softmaxCrossEntropy()), true, "");
                case "dropout" -> check(b -> b.dense(8, Activations.relu()).dropout(0.4).output(4, Losses.softmaxCrossEntropy()), true, "");
                case "maxout" -> check(b -> b.add(Layers.hidden("maxout(3)", 8)).output(4, Losses.softmaxCrossEntropy()), false,
                        "Maxout(");
                case "batchnorm" -> check(b -> b.dense(8, Activations.relu()).batchNorm().output(4, Losses.softmaxCrossEntropy()), false,
                        "BatchNorm(");
                default -> throw new AssertionError("layer kind '" + kind + "' is new: add it to this test and to LeanPlan");
            }
        }
    }

    @Test
    void everyLossIsServed() {
        for (String loss : Losses.REGISTRY.names()) {
            check(b -> b.dense(8, Activations.relu()).output(3, Losses.parse(loss)), true, loss);
        }
    }

    @Test
    void appliesTheNormaliserAndReadsJavaRows() {
        try (Network network = randomised(Network.builder(FEATURES).seed(3).dense(10, Activations.relu())
                .output(3, Losses.softmaxCrossEntropy()).build())) {
            INDArray raw = inputs(5, 4).muli(9).addi(3);
            Normalizer normalizer = Normalizer.standardize().fit(inputs(50, 8).muli(9).addi(3));
            try (Predictor predictor = Predictor.of(network, normalizer, 2)) {
                assertNull(predictor.leanRefusal());
                INDArray expected = network.output(normalizer.transform(raw.dup()));
                assertClose(expected, predictor.output(raw), "standardised input");
                assertClose(expected, Nd4j.create(predictor.probabilities(raw.toFloatMatrix())), "float rows");
                assertArrayEquals(network.predict(normalizer.transform(raw.dup())), predictor.predict(raw.toDoubleMatrix()));
                INDArray view = Nd4j.vstack(inputs(2, 1), raw).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 7),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
                assertClose(expected, predictor.output(view), "a row view of a larger array");
                INDArray out = Nd4j.create(DataType.DOUBLE, 5, 3);
                predictor.outputInto(raw, out);
                assertClose(expected, out.castTo(DataType.FLOAT), "a DOUBLE output array");
            }
        }
    }

    @Test
    void seesLaterChangesToTheNetworksParameters() {
        try (Network network = randomised(Network.builder(FEATURES).seed(4).dense(10, Activations.relu())
                .output(3, Losses.squaredError(Activations.identity())).build());
             Predictor predictor = Predictor.of(network)) {
            INDArray x = inputs(2, 5);
            predictor.output(x);
            network.parameters().muli(1.5);
            assertClose(network.output(x), predictor.output(x), "after the parameters changed");
        }
    }

    @Test
    void predictNamesGivesTheModelFilesClassNamesOrIndices(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (Network network = randomised(Network.builder(FEATURES).seed(5).dense(8, Activations.relu())
                .output(3, Losses.softmaxCrossEntropy()).build())) {
            java.nio.file.Path file = dir.resolve("named.safetensors");
            java.util.List<String> names = java.util.List.of("cat", "dog", "eel");
            org.neuronkit.io.ModelFile.save(network, null, null, names, file);
            float[][] rows = inputs(40, 6).toFloatMatrix();
            int[] classes = network.predict(rows);
            try (Predictor named = Predictor.load(file); Predictor plain = Predictor.of(network)) {
                assertEquals(names, named.classNames());
                assertEquals(java.util.List.of("0", "1", "2"), plain.classNames());
                for (int r = 0; r < rows.length; r++) {
                    assertEquals(names.get(classes[r]), named.predictNames(rows).get(r), "row " + r);
                    assertEquals(Integer.toString(classes[r]), plain.predictNames(rows).get(r), "row " + r);
                }
            }
        }
    }

    @Test
    void raggedOrMissingRowsAreRefusedNamingTheRow() {
        try (Network network = Network.builder(FEATURES).seed(6).dense(4, Activations.relu()).output(2, Losses.softmaxCrossEntropy()).build();
             Predictor predictor = Predictor.of(network)) {
            org.neuronkit.DataException ragged = org.junit.jupiter.api.Assertions.assertThrows(org.neuronkit.DataException.class,
                    () -> predictor.probabilities(new float[][] {new float[FEATURES], new float[FEATURES - 1]}));
            assertEquals("row 1 has 5 values; the predictor expects 6 features per row", ragged.getMessage());
            org.neuronkit.DataException missing = org.junit.jupiter.api.Assertions.assertThrows(org.neuronkit.DataException.class,
                    () -> predictor.predict(new double[][] {null}));
            assertEquals("row 0 is null; the predictor expects 6 features per row", missing.getMessage());
            org.neuronkit.DataException none = org.junit.jupiter.api.Assertions.assertThrows(org.neuronkit.DataException.class,
                    () -> predictor.predictNames(null));
            assertEquals("the rows are null", none.getMessage());
        }
    }

    private static void check(Consumer<NetworkBuilder> layers, boolean served, String name) {
        NetworkBuilder builder = Network.builder(FEATURES).seed(11);
        layers.accept(builder);
        try (Network network = randomised(builder.build()); Predictor predictor = Predictor.of(network)) {
            String what = network.toString();
            if (served) {
                assertNull(predictor.leanRefusal(), what);
            } else {
                assertTrue(predictor.leanRefusal() != null && predictor.leanRefusal().contains(name),
                        () -> what + ": refusal " + predictor.leanRefusal() + " does not name " + name);
            }
            for (int n : BATCHES) {
                INDArray x = inputs(n, n);
                assertClose(network.output(x), predictor.output(x), what + " N = " + n);
            }
        }
    }

    /** Parameters drawn from [−1, 1) (so biases and batch-norm statistics are not their initial values). */
    private static Network randomised(Network network) {
        Nd4j.getRandom().setSeed(network.parameterCount());
        network.parameters().assign(Nd4j.rand(DataType.FLOAT, network.parameterCount()).muli(2).subi(1));
        for (Layer layer : network.layers()) {
            INDArray variance = layer.parameterViews().get("running_var");
            if (variance != null) {
                variance.assign(Nd4j.rand(DataType.FLOAT, variance.shape()).addi(0.5));
            }
        }
        return network;
    }

    private static INDArray inputs(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, FEATURES).muli(4).subi(2);
    }

    /** |actual − expected| ≤ 1e-5 · max(|expected|, 1e-2) element-wise: 1e-5 relative, and absolute near 0. */
    static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        float[] e = expected.castTo(DataType.FLOAT).dup().data().asFloat();
        float[] a = actual.castTo(DataType.FLOAT).dup().data().asFloat();
        for (int i = 0; i < e.length; i++) {
            float tolerance = 1e-5f * Math.max(Math.abs(e[i]), 1e-2f);
            int at = i;
            assertTrue(Math.abs(a[i] - e[i]) <= tolerance, () -> what + ": value " + at + " is " + a[at] + ", the network's " + e[at]);
        }
    }
}
