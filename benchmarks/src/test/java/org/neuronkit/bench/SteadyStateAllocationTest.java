package org.neuronkit.bench;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.Momentum;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The rule "a steady-state training step allocates no new arrays" (docs/design.md), checked by counting
 * the native objects ND4J creates ({@link NativeAllocations}) during training steps after the first,
 * with a new input array at every step as users pass them.
 */
@ExtendWith(CountNativeAllocations.class)
class SteadyStateAllocationTest {

    /** Every activation but the exact GELU, whose erfc exists in libnd4j only as a legacy op built per call. */
    @ParameterizedTest
    @ValueSource(strings = {"logistic", "tanh", "hardlogistic", "hardtanh", "relu", "leakyrelu(0.1)", "elu(1.0)",
            "softplus", "swish(1.0)", "swish(learn,1.0)", "swish(learn-neuron,1.0)", "gelu-tanh", "gelu-sigmoid",
            "identity"})
    void denseStepsAfterTheFirstCreateNoNativeObjects(String activation) {
        assertSteadyStateAllocatesNothing(activation, Network.builder(12).dataType(DataType.FLOAT).seed(3)
                .dense(8, Activations.parse(activation)).dense(6, Activations.parse(activation))
                .output(4, Losses.softmaxCrossEntropy()), new Sgd(0.1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maxout", "dropout", "batch norm", "logistic output", "squared error", "l2", "momentum", "adam"})
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
        builder.output(4, switch (what) {
            case "logistic output" -> Losses.logisticCrossEntropy();
            case "squared error" -> Losses.squaredError();
            default -> Losses.softmaxCrossEntropy();
        });
        Optimizer optimizer = switch (what) {
            case "momentum" -> new Momentum(0.1, 0.9);
            case "adam" -> new Adam(0.01);
            default -> new Sgd(0.1);
        };
        assertSteadyStateAllocatesNothing(what, builder, optimizer);
    }

    /**
     * Steps on new arrays: four different input and target arrays in turn, as a user feeding fresh
     * minibatches passes them. The ops are re-pointed at each step's arrays, not built again.
     */
    private static void assertSteadyStateAllocatesNothing(String what, NetworkBuilder builder, Optimizer optimizer) {
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
            optimizer.step(network.parameters(), network.gradients());
        }
        long[] before = NativeAllocations.totals();
        for (int step = 0; step < 8; step++) {
            long mark = NativeAllocations.mark();
            network.computeGradient(xs[step % 4], ys[step % 4]);
            optimizer.step(network.parameters(), network.gradients());
            NativeAllocations.since(mark);
        }
        long[] after = NativeAllocations.totals();
        assertEquals(0, after[0] - before[0], what + ": native objects created in 8 steady-state steps on new arrays");
        assertEquals(0, after[2] - before[2], what + ": native bytes allocated in 8 steady-state steps on new arrays");
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
