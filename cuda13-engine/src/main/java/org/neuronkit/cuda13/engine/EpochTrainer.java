package org.neuronkit.cuda13.engine;

import java.util.SplittableRandom;

/**
 * Minibatch training of an {@link Mlp} over data already in the device's memory: each epoch draws a
 * permutation of the rows (seeded by the seed and the epoch), uploads it (4 bytes per row), gathers each
 * minibatch on the device and takes a step; the host waits for the device once per epoch, to read the
 * totals. A last batch smaller than the batch size is trained as it is.
 */
public final class EpochTrainer {
    private final Ops ops;
    private final Mlp mlp;
    private final int batchSize;
    private final long seed;
    private final Buffer index;
    private final DeviceData batch;

    public EpochTrainer(Ops ops, Mlp mlp, int batchSize, long seed, int trainingRows) {
        this.ops = ops;
        this.mlp = mlp;
        this.batchSize = batchSize;
        this.seed = seed;
        this.index = ops.ints(trainingRows);
        this.batch = new DeviceData(ops.floats((long) batchSize * mlp.spec().inputs()), ops.ints(batchSize), batchSize, mlp.spec().inputs());
    }

    /**
     * One epoch (from 1); returns {training risk, training accuracy, validation loss, validation accuracy,
     * seconds of training, samples per second} (validation values NaN without validation data). Throws
     * ArithmeticException naming the epoch and step when a loss or gradient was not finite; the
     * parameters then hold their values from before that step.
     */
    public double[] epoch(int epoch, DeviceData train, DeviceData validation) {
        ops.upload(permutation(train.rows(), seed * 1_000_003L + epoch), index);
        ops.synchronize();
        long start = System.nanoTime();
        int updatesBefore = mlp.updates();
        for (int from = 0; from < train.rows(); from += batchSize) {
            int rows = Math.min(batchSize, train.rows() - from);
            ops.gatherRows(train.features(), train.labels(), index.slice(from, rows), batch.features(), batch.labels(), rows, train.cols());
            mlp.step(batch.features(), batch.labels(), rows);
        }
        Mlp.Totals totals = mlp.takeTotals();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (totals.badUpdate() != 0) {
            throw new ArithmeticException("training stopped at epoch " + epoch + ", step " + (totals.badUpdate() - updatesBefore)
                    + ": the loss or the gradient is not finite. The parameters keep their values from before this step "
                    + "(try a smaller learning rate).");
        }
        double validationLoss = Double.NaN;
        double validationAccuracy = Double.NaN;
        if (validation != null) {
            mlp.evaluate(validation.features(), validation.labels(), validation.rows());
            Mlp.Totals held = mlp.takeTotals();
            validationLoss = held.riskSum() / validation.rows();
            validationAccuracy = (double) held.correct() / validation.rows();
        }
        return new double[] {totals.riskSum() / train.rows(), (double) totals.correct() / train.rows(), validationLoss,
                validationAccuracy, seconds, train.rows() / seconds};
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
