package org.neuronkit.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.Set;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.ClassWeights;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.Momentum;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.Sgd;
import org.neuronkit.train.GradientClipping;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rule "a steady-state training step allocates no new arrays" (docs/design.md), checked by counting
 * the native objects ND4J creates ({@link NativeAllocations}) during training steps after the first,
 * with a new input array at every step as users pass them.
 */
@ExtendWith(CountNativeAllocations.class)
class SteadyStateAllocationTest {

    /**
     * Every registered activation in every form ({@code Activations.REGISTRY}), but the exact GELU,
     * whose erfc exists in libnd4j only as a legacy op built per call, and softmax, an output activation.
     */
    static Stream<String> hiddenActivations() {
        return Activations.REGISTRY.examples().stream().filter(spec -> !Set.of("gelu", "softmax").contains(spec));
    }

    @ParameterizedTest
    @MethodSource("hiddenActivations")
    void denseStepsAfterTheFirstCreateNoNativeObjects(String activation) {
        assertSteadyStateAllocatesNothing(activation, Network.builder(12).dataType(DataType.FLOAT).seed(3)
                .dense(8, Activations.parse(activation)).dense(6, Activations.parse(activation))
                .output(4, Losses.softmaxCrossEntropy()), new Sgd(0.1), null);
    }

    /** The optimizers added with Nesterov; AdamW told its weight region (12 · 8 + 8 · 4 weights), as the trainer tells it. */
    @ParameterizedTest
    @ValueSource(strings = {"nesterov", "rmsprop", "adagrad", "adamw"})
    void moreOptimizers(String name) {
        Optimizer optimizer = Optimizers.byName(name, 0.01);
        optimizer.setWeightCount(12 * 8 + 8 * 4);
        assertSteadyStateAllocatesNothing(name, Network.builder(12).dataType(DataType.FLOAT).seed(3).dense(8, Activations.relu())
                .output(4, Losses.softmaxCrossEntropy()), optimizer, null);
    }

    /** Clipping by value and norm, after zeroing non-finite entries, before each step, as the trainer's CLIP policy runs it. */
    @Test
    void gradientClipping() {
        assertSteadyStateAllocatesNothing("clipping", Network.builder(12).dataType(DataType.FLOAT).seed(3).dense(8, Activations.relu())
                .output(4, Losses.softmaxCrossEntropy()), new Adam(0.01), GradientClipping.byValue(0.01).andNorm(0.05));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxout", "dropout", "batch norm", "logistic output", "squared error", "huber", "mae", "class weights",
            "logistic class weights", "l2", "l1", "momentum", "adam"})
    void otherLayersLossesAndOptimizersToo(String what) {
        NetworkBuilder builder = Network.builder(12).dataType(DataType.FLOAT).seed(3);
        if (what.equals("maxout")) {
            builder.maxout(8, 3);
        } else {
            builder.dense(8, Activations.relu());
        }
        if (what.equals("dropout")) {
            builder.dropout(0.3);
        }
        if (what.equals("batch norm")) {
            builder.batchNorm().dense(6, Activations.tanh()).batchNorm();
        }
        if (what.equals("l2")) {
            builder.l2(1e-3);
        }
        if (what.equals("l1")) {
            builder.l1(1e-3);
        }
        builder.output(4, switch (what) {
            case "logistic output" -> Losses.logisticCrossEntropy();
            case "squared error" -> Losses.squaredError();
            case "huber" -> Losses.huber(0.5);
            case "mae" -> Losses.meanAbsoluteError();
            case "class weights" -> Losses.softmaxCrossEntropy(ClassWeights.of(0.5, 2.0, 1.0, 4.0));
            case "logistic class weights" -> Losses.logisticCrossEntropy(ClassWeights.of(0.5, 2.0, 1.0, 4.0));
            default -> Losses.softmaxCrossEntropy();
        });
        Optimizer optimizer = switch (what) {
            case "momentum" -> new Momentum(0.1, 0.9);
            case "adam" -> new Adam(0.01);
            default -> new Sgd(0.1);
        };
        assertSteadyStateAllocatesNothing(what, builder, optimizer, null);
    }

    /**
     * Steps on new arrays: four different input and target arrays in turn, as a user feeding fresh
     * minibatches passes them. The ops are re-pointed at each step's arrays, not built again. With
     * {@code clipping} (may be null), each gradient is cleaned of non-finite entries and clipped first.
     */
    private static void assertSteadyStateAllocatesNothing(String what, NetworkBuilder builder, Optimizer optimizer,
            GradientClipping clipping) {
        Network network = builder.build();
        Nd4j.getRandom().setSeed(5);
        INDArray[] xs = new INDArray[4];
        INDArray[] ys = new INDArray[4];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = Nd4j.rand(DataType.FLOAT, 16, 12);
            ys[k] = Workload.oneHot(new int[] {k, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 4);
        }
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            network.computeGradient(xs[warmUp], ys[warmUp]);
            clip(clipping, network.gradients());
            optimizer.step(network.parameters(), network.gradients());
        }
        long[] before = NativeAllocations.totals();
        for (int step = 0; step < 8; step++) {
            long mark = NativeAllocations.mark();
            network.computeGradient(xs[step % 4], ys[step % 4]);
            clip(clipping, network.gradients());
            optimizer.step(network.parameters(), network.gradients());
            NativeAllocations.since(mark);
        }
        long[] after = NativeAllocations.totals();
        assertEquals(0, after[0] - before[0], what + ": native objects created in 8 steady-state steps on new arrays");
        assertEquals(0, after[2] - before[2], what + ": native bytes allocated in 8 steady-state steps on new arrays");
    }

    private static void clip(GradientClipping clipping, INDArray gradients) {
        if (clipping != null) {
            clipping.zeroNonFinite(gradients);
            clipping.apply(gradients);
        }
    }

    /** Inference on a new array per call: predict allocates nothing native; output only its result. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void inferenceOnNewArraysAllocatesOnlyItsResult(boolean batchNorm) {
        NetworkBuilder builder = Network.builder(12).dataType(DataType.FLOAT).seed(3).dense(8, Activations.relu());
        if (batchNorm) {
            builder.batchNorm();
        }
        Network network = builder.output(4, Losses.softmaxCrossEntropy()).build();
        INDArray[] xs = new INDArray[4];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = Nd4j.rand(DataType.FLOAT, 16, 12);
        }
        network.predict(xs[0]);
        network.output(xs[1]);
        long[] before = NativeAllocations.totals();
        for (int call = 0; call < 8; call++) {
            long mark = NativeAllocations.mark();
            network.predict(xs[call % 4]);
            NativeAllocations.since(mark);
        }
        long[] afterPredict = NativeAllocations.totals();
        assertEquals(0, afterPredict[0] - before[0], "native objects created by 8 predict calls on new arrays");
        for (int call = 0; call < 8; call++) {
            long mark = NativeAllocations.mark();
            network.output(xs[call % 4]);
            NativeAllocations.since(mark);
        }
        long[] afterOutput = NativeAllocations.totals();
        // each result is an array: its 16 × 4 floats and its shape information (8 longs for rank 2)
        assertEquals(2 * 8, afterOutput[1] - afterPredict[1], "owning buffers made by 8 output calls");
        assertEquals(8L * (16 * 4 * Float.BYTES + 8 * Long.BYTES), afterOutput[2] - afterPredict[2], "bytes of 8 output calls");
    }
}
