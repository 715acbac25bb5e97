package org.neuronkit.data;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.OpSequence;
import org.neuronkit.ConfigurationException;

/**
 * Shuffled minibatches over a {@link DataSet} (SPEC §3's stochastic gradient descent). Each epoch
 * uses its own permutation, drawn from the seed and the epoch number, so a run resumed at an epoch
 * sees the same batches as an uninterrupted one. Each batch's rows are gathered into two reused
 * buffers (one for full batches, one for the last, shorter one): the data set is never copied
 * whole.
 */
public final class Minibatches {
    private final DataSet data;
    private final int batchSize;
    private final long seed;
    private final Batch full;
    private Batch last;
    private int[] order;
    private int position;

    public Minibatches(DataSet data, int batchSize, long seed) {
        if (batchSize <= 0) {
            throw new ConfigurationException("the batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.seed = seed;
        this.full = new Batch(data, this.batchSize);
    }

    /** Starts epoch {@code epoch} (0-based) with its permutation. */
    public void startEpoch(int epoch) {
        order = DataSet.permutation(data.size(), new Random(seed * 1_000_003L + epoch));
        position = 0;
    }

    public boolean hasNext() {
        return order != null && position < order.length;
    }

    /** The next batch; its arrays are overwritten by the batch after it. */
    public Batch next() {
        int n = Math.min(batchSize, order.length - position);
        Batch batch = n == batchSize ? full : lastBatch(n);
        batch.fill(data, order, position);
        position += n;
        return batch;
    }

    private Batch lastBatch(int n) {
        if (last == null || last.size() != n) {
            last = new Batch(data, n);
        }
        return last;
    }

    /** Number of batches per epoch. */
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** One minibatch: features, targets and (for classification) labels of its rows. */
    public static final class Batch {
        private final INDArray features;
        private final INDArray targets;
        private final int[] labels;
        private final int[] rows;
        private final INDArray rowIndices;
        private final OpSequence gatherOps = new OpSequence();

        Batch(DataSet data, int n) {
            features = Nd4j.create(data.features().dataType(), n, data.featureCount());
            targets = Nd4j.create(data.targets().dataType(), n, data.targets().columns());
            labels = new int[n];
            rows = new int[n];
            rowIndices = Nd4j.create(DataType.INT, n);
        }

        /** Gathers rows order[from], order[from + 1], … into the batch's arrays (libnd4j's {@code gather} along the rows). */
        void fill(DataSet data, int[] order, int from) {
            System.arraycopy(order, from, rows, 0, rows.length);
            rowIndices.data().setData(rows);
            OpSequence ops = gatherOps.begin();
            ops.op("gather").in(data.features()).in(rowIndices).out(features).i(0).run();
            ops.op("gather").in(data.targets()).in(rowIndices).out(targets).i(0).run();
            int[] all = data.labelsView();
            if (all != null) {
                for (int i = 0; i < rows.length; i++) {
                    labels[i] = all[rows[i]];
                }
            }
        }

        public INDArray features() {
            return features;
        }

        public INDArray targets() {
            return targets;
        }

        /** The rows' classes (classification only); overwritten by the next batch. */
        public int[] labels() {
            return labels;
        }

        public int size() {
            return rows.length;
        }
    }
}
