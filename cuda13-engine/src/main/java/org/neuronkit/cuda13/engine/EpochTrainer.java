package org.neuronkit.cuda13.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.neuronkit.cuda13.api.EpochTotals;

/**
 * Minibatch training of an {@link Mlp} over data already in the device's memory: each epoch draws a
 * permutation of the rows (from the given seed), uploads it (4 bytes per row) with the epoch's learning
 * rates (4 bytes per step), then runs its steps, each gathering its minibatch on the device, as graphs
 * captured once per batch shape ({@link StepGraphs}); the host waits for the device once per epoch, to read
 * the totals. A last batch smaller than the batch size is trained as it is (its own graph).
 */
public final class EpochTrainer {
    private final Ops ops;
    private final Mlp mlp;
    private final int batchSize;
    private final DeviceData batch;
    private final StepGraphs graphs;
    private Buffer index;

    public EpochTrainer(Ops ops, Mlp mlp, int batchSize) {
        this(ops, mlp, batchSize, new StepGraphs(ops.graphExecutor()));
    }

    /** With the given graph bookkeeping (tests give it a fake executor). */
    EpochTrainer(Ops ops, Mlp mlp, int batchSize, StepGraphs graphs) {
        this.ops = ops;
        this.graphs = graphs;
        this.mlp = mlp;
        this.batchSize = batchSize;
        this.index = ops.ints(1);
        int targetCols = mlp.spec().targetColumns();
        this.batch = new DeviceData(ops.floats((long) batchSize * mlp.spec().inputs()), mlp.spec().loss().kind().classifies()
                ? ops.ints(batchSize) : ops.floats((long) batchSize * targetCols), batchSize, mlp.spec().inputs(), targetCols);
    }

    /** The steps of an epoch over {@code rows} rows: ⌈rows / batch size⌉. */
    public int steps(int rows) {
        return (rows + batchSize - 1) / batchSize;
    }

    /**
     * One epoch over {@code train} at learning rate {@code stepRates[s]} in step s (from 0), the rows in the
     * order of {@link #permutation}(rows, shuffleSeed). Returns the totals; their bad step, when not 0, is
     * the first step whose loss or gradient was not finite (the parameters then hold their values from
     * before it).
     */
    public EpochTotals epoch(DeviceData train, float[] stepRates, long shuffleSeed) {
        if (stepRates.length != steps(train.rows())) {
            throw new IllegalArgumentException(stepRates.length + " learning rates for an epoch of " + steps(train.rows()) + " steps ("
                    + train.rows() + " rows in batches of " + batchSize + ")");
        }
        if (index.length() < train.rows()) {
            index = ops.ints(train.rows());
        }
        ops.upload(permutation(train.rows(), shuffleSeed), index);
        mlp.startEpoch(stepRates);
        List<Object> buffers = new ArrayList<>(mlp.stepBuffers());
        buffers.add(index);
        graphs.reading(buffers);
        for (int from = 0; from < train.rows(); from += batchSize) {
            int rows = Math.min(batchSize, train.rows() - from);
            mlp.countUpdate();
            graphs.run(new StepGraphs.Shape(train, rows), () -> mlp.epochStep(train, index, batch, rows));
        }
        return mlp.takeTotals(train.rows());
    }

    /** The loss sum and correct predictions over {@code data}. */
    public EpochTotals evaluate(DeviceData data) {
        mlp.evaluate(data.features(), data.targets(), data.rows());
        return mlp.takeTotals(data.rows());
    }

    /** The step graphs' bookkeeping (for tests and gpu-check). */
    StepGraphs graphs() {
        return graphs;
    }

    /** A uniformly random permutation of 0 … n − 1 (Fisher–Yates). */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
