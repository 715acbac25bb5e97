package org.neuronkit.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.network.Network;

/**
 * The concurrency check: threads each make a series of calls, alternating one-row and 32-row
 * inputs drawn from a fixed set, and every result is compared bit for bit with the output the
 * network gave for that input on one thread beforehand. A call that returns other values, another
 * shape, or throws counts as one mismatch.
 */
final class MixedLoad {
    private static final int INPUTS = 16;
    private final List<INDArray> inputs = new ArrayList<>();
    private final List<INDArray> expected = new ArrayList<>();
    private final AtomicLong calls = new AtomicLong();

    MixedLoad(Network network) {
        for (int i = 0; i < INPUTS; i++) {
            INDArray x = PredictorTest.rows(i % 2 == 0 ? 1 : 32, 100 + i);
            inputs.add(x);
            expected.add(network.output(x));
        }
    }

    /** Runs {@code threads × callsPerThread} calls of {@code call}; returns the number of mismatches. */
    long run(int threads, int callsPerThread, UnaryOperator<INDArray> call) throws Exception {
        AtomicLong mismatches = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    for (int c = 0; c < callsPerThread; c++) {
                        int i = (offset + c) % INPUTS;
                        calls.incrementAndGet();
                        try {
                            if (!identical(expected.get(i), call.apply(inputs.get(i)))) {
                                mismatches.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            mismatches.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return mismatches.get();
    }

    /** Same shape, data type and bits (INDArray.equals allows a tolerance). */
    static boolean identical(INDArray a, INDArray b) {
        return java.util.Arrays.equals(a.shape(), b.shape()) && a.dataType() == b.dataType()
                && java.util.Arrays.equals(a.dup().data().asDouble(), b.dup().data().asDouble());
    }

    long calls() {
        return calls.get();
    }
}
