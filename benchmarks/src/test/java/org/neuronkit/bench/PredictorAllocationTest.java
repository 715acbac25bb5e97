package org.neuronkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.serve.Predictor;

/**
 * What a {@link Predictor} call allocates natively in steady state, counted by {@link NativeAllocations}:
 * nothing when the caller passes the same input and output arrays again, and nothing beyond the result
 * when each call brings a new input array.
 */
@ExtendWith(CountNativeAllocations.class)
class PredictorAllocationTest {

    private static Network network() {
        return Network.builder(12).seed(3).dense(16, Activations.relu()).dense(8, Activations.tanh())
                .output(4, Losses.softmaxCrossEntropy()).build();
    }

    private static Normalizer normalizer() {
        Nd4j.getRandom().setSeed(1);
        return Normalizer.standardize().fit(Nd4j.rand(DataType.FLOAT, 50, 12).muli(5));
    }

    /** {native objects, bytes} created by {@code calls} runs of {@code call} after two warm-up runs. */
    private static long[] steadyState(Runnable call) {
        call.run();
        call.run();
        long[] before = NativeAllocations.totals();
        for (int i = 0; i < 5; i++) {
            long mark = NativeAllocations.mark();
            call.run();
            NativeAllocations.since(mark);
        }
        long[] after = NativeAllocations.totals();
        return new long[] {after[0] - before[0], after[2] - before[2]};
    }

    @Test
    void outputIntoTheSameArraysAllocatesNothing() {
        try (Network network = network(); Predictor predictor = Predictor.of(network, normalizer(), 1)) {
            for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
                for (int rows : new int[] {1, 32}) {
                    INDArray x = Nd4j.rand(DataType.FLOAT, rows, 12);
                    INDArray out = Nd4j.create(type, rows, 4);
                    long[] made = steadyState(() -> predictor.outputInto(x, out));
                    assertEquals(0, made[0], rows + " rows into " + type + ": native objects created in 5 calls");
                    assertEquals(0, made[1], rows + " rows into " + type + ": native bytes allocated in 5 calls");
                }
            }
        }
    }

    @Test
    void predictWithTheSameInputAllocatesNothing() {
        try (Network network = network(); Predictor predictor = Predictor.of(network, null, 1)) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 32, 12);
            long[] made = steadyState(() -> predictor.predict(x));
            assertEquals(0, made[0], "native objects created in 5 calls");
        }
    }

    /** The ops are re-pointed at each call's input ({@code OpSequence}); what remains is the result. */
    @Test
    void aNewInputArrayPerCallAllocatesOnlyTheResult() {
        try (Network network = network(); Predictor predictor = Predictor.of(network, normalizer(), 1)) {
            INDArray[] inputs = new INDArray[8];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = Nd4j.rand(DataType.FLOAT, 32, 12);
            }
            int[] next = {0};
            long[] made = steadyState(() -> predictor.output(inputs[next[0]++ % inputs.length]));
            // a result is an array: its 32 × 4 floats and its shape information (8 longs for rank 2)
            assertEquals(5L * (32 * 4 * Float.BYTES + 8 * Long.BYTES), made[1], "native bytes of 5 calls: their results only");
        }
    }
}
