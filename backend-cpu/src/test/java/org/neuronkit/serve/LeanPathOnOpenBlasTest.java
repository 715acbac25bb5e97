package org.neuronkit.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/**
 * Serving's lean path on the CPU backend's OpenBLAS: it is taken, agrees with
 * {@link Network#output} within 1e-5 relative below and above the crossover (single rows use
 * sgemv, batches sgemm), and concurrent calls give what one thread gets, bit for bit.
 */
class LeanPathOnOpenBlasTest {

    private static Network network() {
        Network network = Network.builder(20).seed(3).dense(32, Activations.relu()).dense(16, Activations.tanh())
                .output(5, Losses.softmaxCrossEntropy()).build();
        Nd4j.getRandom().setSeed(3);
        network.parameters().assign(Nd4j.rand(DataType.FLOAT, network.parameterCount()).subi(0.5));
        return network;
    }

    private static float[][] rows(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, 20).muli(4).subi(2).toFloatMatrix();
    }

    @Test
    void agreesWithTheNetworkOnOneRowBatchesAndBeyondTheCrossover() {
        try (Network network = network(); Predictor predictor = Predictor.of(network)) {
            assertNull(predictor.leanRefusal());
            for (int n : new int[] {1, 2, 64, LeanPlan.MAX_ROWS, LeanPlan.MAX_ROWS + 1}) {
                float[][] x = rows(n, n);
                float[][] expected = network.output(Nd4j.create(x)).toFloatMatrix();
                float[][] actual = predictor.probabilities(x);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < 5; c++) {
                        assertEquals(expected[r][c], actual[r][c], 1e-5 * Math.max(Math.abs(expected[r][c]), 1e-2), "N = " + n);
                    }
                }
                assertArrayEquals(network.predict(x), predictor.predict(x), "N = " + n);
            }
        }
    }

    @Test
    void concurrentCallsGiveWhatOneThreadGetsBitForBit() throws Exception {
        try (Network network = network(); Predictor predictor = Predictor.of(network, null, 4)) {
            List<float[][]> inputs = new ArrayList<>();
            List<float[][]> expected = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                inputs.add(rows(i % 2 == 0 ? 1 : 16, i));
                expected.add(predictor.probabilities(inputs.get(i)));
            }
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> mismatches = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int first = t;
                    mismatches.add(threads.submit(() -> {
                        int wrong = 0;
                        for (int call = 0; call < 2_000; call++) {
                            int i = (first + call) % inputs.size();
                            float[][] y = predictor.probabilities(inputs.get(i));
                            for (int r = 0; r < y.length; r++) {
                                wrong += java.util.Arrays.equals(y[r], expected.get(i)[r]) ? 0 : 1;
                            }
                        }
                        return wrong;
                    }));
                }
                for (Future<Integer> m : mismatches) {
                    assertEquals(0, m.get(), "rows that differ from the single-thread result");
                }
            } finally {
                threads.shutdown();
            }
        }
    }

    @Test
    void aNetworkItCannotServeIsRefusedByNameAndServedByNd4j() {
        try (Network network = Network.builder(4).seed(1).dense(6, Activations.gelu()).output(2, Losses.softmaxCrossEntropy()).build();
             Predictor predictor = Predictor.of(network)) {
            assertTrue(predictor.leanRefusal().contains("gelu"), predictor.leanRefusal());
            INDArray x = Nd4j.rand(DataType.FLOAT, 3, 4);
            assertEquals(network.output(x), predictor.output(x));
        }
    }
}
