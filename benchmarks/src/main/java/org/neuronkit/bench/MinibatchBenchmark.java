package org.neuronkit.bench;

import java.util.concurrent.TimeUnit;
import org.neuronkit.data.Minibatches;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The minibatches of one shuffled Fashion-MNIST epoch as {@code Trainer.fit} takes them
 * ({@link Minibatches}: 469 batches of 128 rows gathered from the 60,000 × 784 FLOAT set), without
 * training: what the epoch spends on its data beyond the bare steps of {@link FashionEpochBenchmark}.
 * One op is one epoch, each with its own permutation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class MinibatchBenchmark {
    private Minibatches batches;
    private int epoch;

    @Setup(Level.Trial)
    public void open(FashionEpochBenchmark.Epoch data) {
        batches = new Minibatches(data.all, FashionEpochBenchmark.BATCH, 42);
    }

    @Benchmark
    public int epochOfBatches() {
        batches.startEpoch(epoch++);
        int rows = 0;
        while (batches.hasNext()) {
            rows += batches.next().size();
        }
        return rows;
    }

    @TearDown(Level.Trial)
    public void close() {
        batches.close();
    }
}
