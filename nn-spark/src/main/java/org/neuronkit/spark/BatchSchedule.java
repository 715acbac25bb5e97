package org.neuronkit.spark;

import java.io.Serializable;
import java.util.Random;

import org.neuronkit.data.DataSet;

/**
 * The global minibatch sequence of synchronous training. An epoch has S = ⌈N / B⌉ steps for N rows and
 * global batch size B. Partition p (of n_p rows, n_p = q·S + r with 0 ≤ r &lt; S) gives its first r steps
 * q + 1 rows and the others q, in the order of its own permutation π_p for the epoch, drawn from (seed,
 * epoch, p): step s takes π_p[s·q + min(s, r), (s+1)·q + min(s+1, r)). The union over partitions is the
 * global batch of step s (about B rows, about n_p·B/N from partition p), every row is used exactly once
 * per epoch, and a partition's batch size changes at most once per epoch (a network reuses its
 * buffers and prepared native ops while the batch size stays the same).
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
        int steps = stepsPerEpoch();
        return step * (rows / steps) + Math.min(step, rows % steps);
    }
}
