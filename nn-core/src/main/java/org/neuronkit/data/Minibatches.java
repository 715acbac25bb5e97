package org.neuronkit.data;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.OpSequence;
import org.neuronkit.ConfigurationException;

/**
 * Shuffled minibatches over a {@link DataSet} in memory (docs/chapter.md §3's stochastic gradient descent): the
 * in-memory {@link BatchSource}. Each epoch
 * uses its own permutation, drawn from the seed and the epoch number, so a run resumed at an epoch
 * sees the same batches as an uninterrupted one. Each batch's rows are gathered into two reused
 * buffers (one for full batches, one for the last, shorter one): the data set is never copied
 * whole.
 */
public final class Minibatches implements BatchSource {
    private final DataSet data;
    private final int batchSize;
    private final long seed;
    private final Batch full;
    private Batch last;
    private int[] order;
    private int position;
    private boolean closed;

    public Minibatches(DataSet data, int batchSize, long seed) {
        if (batchSize <= 0) {
            throw new ConfigurationException("the batch size must be positive, got " + batchSize);
        }
        this.data = data;
        this.batchSize = Math.min(batchSize, data.size());
        this.seed = seed;
        this.full = new Batch(data, this.batchSize);
    }

    @Override
    public long size() {
        return data.size();
    }

    @Override
    public int featureCount() {
        return data.featureCount();
    }

    @Override
    public int targetCount() {
        return (int) data.targets().columns();
    }

    @Override
    public boolean isClassification() {
        return data.isClassification();
    }

    @Override
    public DataType dataType() {
        return data.features().dataType();
    }

    @Override
    public DataSet firstRows(int rows) {
        return rows >= data.size() ? data : data.select(java.util.stream.IntStream.range(0, rows).toArray());
    }

    /** Starts epoch {@code epoch} (0-based) with its permutation. */
    @Override
    public void startEpoch(int epoch) {
        if (closed) {
            throw new IllegalStateException("these minibatches are closed");
        }
        order = DataSet.permutation(data.size(), new Random(seed * 1_000_003L + epoch));
        position = 0;
    }

    @Override
    public boolean hasNext() {
        return order != null && position < order.length;
    }

    /** The next batch; its arrays are overwritten by the batch after it. */
    @Override
    public Batch next() {
        int n = Math.min(batchSize, order.length - position);
        Batch batch = n == batchSize ? full : lastBatch(n);
        batch.fill(data, order, position);
        position += n;
        return batch;
    }

    private Batch lastBatch(int n) {
        if (last == null || last.size() != n) {
            if (last != null) {
                last.close();
            }
            last = new Batch(data, n);
        }
        return last;
    }

    /** Number of batches per epoch. */
    @Override
    public int batchesPerEpoch() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    /** Releases the batch buffers; the data set stays. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            full.close();
            if (last != null) {
                last.close();
            }
        }
    }

    /** One minibatch: features, targets and (for classification) labels of its rows. */
    public static final class Batch implements AutoCloseable {
        private final INDArray features;
        private final INDArray targets;
        private final int[] labels;
        private final int[] rows;
        private final INDArray rowIndices;
        private final OpSequence gatherOps = new OpSequence();
        private RowCopy featureCopy;
        private RowCopy targetCopy;

        Batch(DataSet data, int n) {
            this(data.features().dataType(), data.targets().dataType(), n, data.featureCount(), (int) data.targets().columns());
        }

        Batch(DataType type, int n, int featureCount, int targetCount) {
            this(type, type, n, featureCount, targetCount);
        }

        private Batch(DataType featureType, DataType targetType, int n, int featureCount, int targetCount) {
            features = Nd4j.create(featureType, n, featureCount);
            targets = Nd4j.create(targetType, n, targetCount);
            labels = new int[n];
            rows = new int[n];
            rowIndices = Nd4j.create(DataType.INT, n);
        }

        /**
         * Copies the batch's rows from row-major arrays that may be longer: features (first N·F
         * values), targets (first N·C) and labels (first N).
         */
        void put(float[] featureValues, float[] targetValues, int[] labelValues) {
            copy(featureValues, features);
            copy(targetValues, targets);
            System.arraycopy(labelValues, 0, labels, 0, labels.length);
        }

        /** The first {@code into.length()} values into {@code into}: one bulk copy for float, element by element otherwise. */
        private static void copy(float[] values, INDArray into) {
            int n = (int) into.length();
            if (into.dataType() == DataType.FLOAT && into.offset() == 0) {
                ((FloatPointer) into.data().pointer()).put(values, 0, n);
                return;
            }
            org.nd4j.linalg.api.buffer.DataBuffer buffer = into.data();
            for (int i = 0; i < n; i++) {
                buffer.put(i, values[i]);
            }
        }

        @Override
        public void close() {
            features.close();
            targets.close();
            rowIndices.close();
            gatherOps.release();
        }

        /**
         * Gathers rows order[from], order[from + 1], … into the batch's arrays: by {@link RowCopy} where
         * it serves (FLOAT in host memory), else by libnd4j's {@code gather} along the rows.
         */
        void fill(DataSet data, int[] order, int from) {
            System.arraycopy(order, from, rows, 0, rows.length);
            OpSequence ops = gatherOps.begin();
            featureCopy = gather(ops, data.features(), features, featureCopy);
            targetCopy = gather(ops, data.targets(), targets, targetCopy);
            int[] all = data.labelsView();
            if (all != null) {
                for (int i = 0; i < rows.length; i++) {
                    labels[i] = all[rows[i]];
                }
            }
        }

        /** source's rows {@link #rows} into {@code into}; returns the row copy to keep for the next batch (null: gathered). */
        private RowCopy gather(OpSequence ops, INDArray source, INDArray into, RowCopy kept) {
            if (kept != null && kept.between(source, into)) {
                kept.copy(rows);
                return kept;
            }
            if (RowCopy.serves(source, into)) {
                RowCopy copy = new RowCopy(source, into);
                copy.copy(rows);
                return copy;
            }
            rowIndices.data().setData(rows);
            ops.op("gather").in(source).in(rowIndices).out(into).i(0).run();
            return null;
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
