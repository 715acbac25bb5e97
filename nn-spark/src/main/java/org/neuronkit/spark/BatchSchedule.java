package org.neuronkit.spark;

import java.io.Serializable;
import java.util.Random;

import org.neuronkit.data.DataSet;

/**
 * The global minibatch sequence of synchronous training. An epoch has S = ⌈N / B⌉ steps for N rows and
 * global batch size B. At step s every partition p (of n_p rows) takes rows
 * π_p[⌊s·n_p/S⌋, ⌊(s+1)·n_p/S⌋) of its own permutation π_p for the epoch, drawn from (seed, epoch, p):
 * the union over partitions is the global batch of step s (about B rows, n_p·B/N from partition p), and
 * every row is used exactly once per epoch.
 */
record BatchSchedule(long totalRows, int batchSize, long seed) implements Serializable {

    /** S, the steps of one epoch. */
    int stepsPerEpoch() {
        return (int) Math.max(1, (totalRows + batchSize - 1) / batchSize);
    }

    /** π_p for epoch {@code epoch} (0-based) of a partition of {@code rows} rows. */
    int[] permutation(int epoch, int partition, int rows) {
        return DataSet.permutation(rows, new Random((seed * 1_000_003L + epoch) * 1_000_033L + partition));
    }

    /** First position in π_p of step {@code step} for a partition of {@code rows} rows (step S gives rows). */
    int start(int step, int rows) {
        return (int) ((long) step * rows / stepsPerEpoch());
    }
}
