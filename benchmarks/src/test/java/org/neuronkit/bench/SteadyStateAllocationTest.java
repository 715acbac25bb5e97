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
 * DESIGN.md's rule "a steady-state training step allocates no new arrays", checked by counting the
 * native objects ND4J creates ({@link NativeAllocations}) during training steps after the first.
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
    @ValueSource(strings = {"maxout", "dropout", "logistic output", "squared error", "l2", "momentum", "adam"})
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

    private static void assertSteadyStateAllocatesNothing(String what, NetworkBuilder builder, Optimizer optimizer) {
        Network network = builder.build();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 12);
        INDArray y = Workload.oneHot(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 4);
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            network.computeGradient(x, y);
            optimizer.step(network.parameters(), network.gradients());
        }
        long[] before = NativeAllocations.totals();
        for (int step = 0; step < 5; step++) {
            long mark = NativeAllocations.mark();
            network.computeGradient(x, y);
            optimizer.step(network.parameters(), network.gradients());
            NativeAllocations.since(mark);
        }
        long[] after = NativeAllocations.totals();
        assertEquals(0, after[0] - before[0], what + ": native objects created in 5 steady-state steps");
        assertEquals(0, after[2] - before[2], what + ": native bytes allocated in 5 steady-state steps");
    }
}
