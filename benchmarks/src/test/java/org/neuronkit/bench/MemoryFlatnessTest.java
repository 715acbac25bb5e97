package org.neuronkit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.serve.Predictor;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingListener;

/**
 * Long runs do not grow memory. After a garbage collection the test reads what ND4J's native
 * objects still alive hold ({@link NativeAllocations#live()}: ND4J keeps no byte counter of CPU
 * buffers, and JavaCPP's {@code Pointer.totalBytes()} leaves them out) and the process's resident
 * set ({@code Pointer.physicalBytes()}), once the loop has warmed up and then as it goes on.
 *
 * <p>Each test takes its first sample once its loop has warmed up: after the first epoch, the first
 * 20 networks, the first 200,000 predictions. Bounds: live native bytes may not grow at all beyond 64 KB (a leak of one batch buffer per step
 * or one network per cycle exceeds it at once); the resident set, which also moves with the JIT's
 * code and the Java heap's pages, may grow by at most 32 MB.
 */
class MemoryFlatnessTest {
    private static final long NATIVE_BOUND = 64 << 10;
    private static final long RSS_BOUND = 32L << 20;

    record Sample(long liveObjects, long liveBytes, long rss, long javacppBytes, long heapCommitted) {
        static Sample now() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            long[] live = NativeAllocations.live();
            return new Sample(live[0], live[1], Pointer.physicalBytes(), Pointer.totalBytes(),
                    java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted());
        }
    }

    /** Checks every later sample against the first; prints them all. */
    private static void assertFlat(String what, List<Sample> samples) {
        Sample first = samples.get(0);
        long nativeGrowth = samples.stream().mapToLong(s -> s.liveBytes() - first.liveBytes()).max().orElse(0);
        long rssGrowth = samples.stream().mapToLong(s -> s.rss() - first.rss()).max().orElse(0);
        System.out.printf("%s: %d samples; live native bytes %,d -> max growth %,d (objects %,d -> %,d); RSS %,d -> max growth %,d; "
                        + "JavaCPP totalBytes %,d -> %,d; Java heap committed %,d -> %,d%n", what, samples.size(), first.liveBytes(),
                nativeGrowth, first.liveObjects(), samples.get(samples.size() - 1).liveObjects(), first.rss(), rssGrowth,
                first.javacppBytes(), samples.get(samples.size() - 1).javacppBytes(), first.heapCommitted(),
                samples.get(samples.size() - 1).heapCommitted());
        System.out.println("  RSS MB: " + samples.stream().map(s -> String.valueOf(s.rss() >> 20)).toList());
        assertTrue(nativeGrowth <= NATIVE_BOUND, what + ": live native bytes grew by " + nativeGrowth);
        assertTrue(rssGrowth <= RSS_BOUND, what + ": the resident set grew by " + rssGrowth);
    }

    private static DataSet data(int rows, int features, int classes, long seed) {
        Nd4j.getRandom().setSeed(seed);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = i % classes;
        }
        return DataSet.ofClasses(Nd4j.rand(DataType.FLOAT, rows, features), labels, classes);
    }

    private static Network network(int features, int classes, long seed) {
        return Network.builder(features).seed(seed).dense(32, Activations.relu()).dense(16, Activations.tanh())
                .output(classes, Losses.softmaxCrossEntropy()).build();
    }

    @Test
    void thirtyEpochsOfTrainingKeepMemoryFlatAfterTheFirst() {
        DataSet train = data(1_024, 32, 4, 1);
        DataSet validation = data(256, 32, 4, 2);
        List<Sample> samples = new ArrayList<>();
        try (Network network = network(32, 4, 3)) {
            new Trainer(new Adam(0.001), 32, 30, 4).addListener(new TrainingListener() {
                @Override
                public void onEpoch(EpochResult result) {
                    samples.add(Sample.now());
                }
            }).fit(network, train, validation);
        }
        assertEquals(30, samples.size());
        assertFlat("30 epochs", samples);
    }

    @Test
    void twoHundredNetworksBuiltTrainedAndClosedDoNotGrowMemory() {
        DataSet train = data(256, 16, 3, 5);
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            try (Network network = network(16, 3, i)) {
                new Trainer(new Adam(0.01), 32, 1, i).fit(network, train, null);
            }
            if (i >= 20 && i % 20 == 0) {
                samples.add(Sample.now());
            }
        }
        assertFlat("200 networks", samples);
    }

    /**
     * Each thread reuses its request array, as a service reusing its buffers would; the first
     * 200,000 calls (the JIT's warm-up, when the resident set still rises by 15–20 MB) are the baseline.
     */
    @Test
    void aMillionPredictionsFromFourThreadsDoNotGrowMemory() throws Exception {
        int threads = 4;
        int rounds = 10;
        int callsPerRound = 100_000 / threads;
        List<Sample> samples = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Network network = network(16, 3, 7); Predictor predictor = Predictor.of(network, null, threads)) {
            for (int round = 0; round < rounds; round++) {
                List<Future<Long>> sums = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long seed = t;
                    sums.add(pool.submit(() -> {
                        java.util.Random random = new java.util.Random(seed);
                        long classSum = 0;
                        try (INDArray request = Nd4j.create(DataType.FLOAT, 1, 16)) {
                            for (int c = 0; c < callsPerRound; c++) {
                                request.putScalar(0, c % 16, random.nextFloat());
                                classSum += predictor.predict(request)[0];
                            }
                        }
                        return classSum;
                    }));
                }
                for (Future<Long> sum : sums) {
                    assertTrue(sum.get() >= 0);
                }
                samples.add(Sample.now());
            }
        } finally {
            pool.shutdown();
        }
        assertFlat(rounds * callsPerRound * threads + " predictions, " + threads + " threads, after the first 200,000",
                samples.subList(1, samples.size()));
    }
}
