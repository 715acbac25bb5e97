package org.neuronkit.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DESIGN.md's rule "a steady-state training step allocates no new arrays", checked by counting the
 * native objects ND4J creates ({@link NativeAllocations}) during training steps after the first.
 */
class SteadyStateAllocationTest {

    @BeforeEach
    void enable() {
        NativeAllocations.enabled = true;
    }

    @AfterEach
    void disable() {
        NativeAllocations.enabled = false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "leakyrelu(0.1)", "maxout"})
    void stepsAfterTheFirstCreateNoNativeObjects(String hidden) {
        NetworkBuilder builder = Network.builder(12).dataType(DataType.FLOAT).seed(3);
        if (hidden.equals("maxout")) {
            builder.maxout(8, 3);
        } else {
            builder.dense(8, Activations.parse(hidden)).dense(6, Activations.parse(hidden));
        }
        Network network = builder.output(4, Losses.softmaxCrossEntropy()).build();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 12);
        INDArray y = Workload.oneHot(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, 4);
        Sgd sgd = new Sgd(0.1);
        for (int warmUp = 0; warmUp < 2; warmUp++) {
            network.computeGradient(x, y);
            sgd.step(network.parameters(), network.gradients());
        }
        long[] before = NativeAllocations.totals();
        for (int step = 0; step < 5; step++) {
            long mark = NativeAllocations.mark();
            network.computeGradient(x, y);
            sgd.step(network.parameters(), network.gradients());
            NativeAllocations.since(mark);
        }
        long[] after = NativeAllocations.totals();
        assertEquals(0, after[0] - before[0], hidden + ": native objects created in 5 steady-state steps");
        assertEquals(0, after[2] - before[2], hidden + ": native bytes allocated in 5 steady-state steps");
    }
}
