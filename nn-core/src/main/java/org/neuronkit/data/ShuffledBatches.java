package org.neuronkit.data;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;

/**
 * Minibatches streamed from a {@link RowFile}, shuffled through a buffer of B rows: the buffer is
 * filled with the first B rows; each batch row is a uniformly drawn buffered row, whose slot the
 * file's next row then takes; after the last row the buffer drains. Every row comes exactly once
 * per epoch, and the row emitted k-th (from 0) is one of the file's first k + B rows: what the
 * source holds is B rows and one batch, whatever the file's length. The draws come from a generator
 * seeded with (seed, epoch), so an epoch's order is reproducible. B = the file's row count makes it
 * a full shuffle; B = 1 keeps the file's order.
 *
 * <p>Values are kept as float in the buffer, so a DOUBLE source carries float-rounded features.
 */
final class ShuffledBatches implements BatchSource {
    private final RowFile file;
    private final DataType dataType;
    private final int batchSize;
    private final int capacity;
    private final long seed;
    private final int features;
    private final int classes;
    private final float[] buffer;
    private final int[] bufferLabels;
    private final float[] batchFeatures;
    private final float[] batchTargets;
    private final int[] batchLabels;
    private final Minibatches.Batch full;
    private Minibatches.Batch last;
    private RowFile.Reader reader;
    private Random random;
    private int filled;
    private long emitted;
    private boolean closed;

    ShuffledBatches(RowFile file, DataType dataType, int batchSize, int bufferRows, long seed) {
        if (batchSize <= 0) {
            throw new ConfigurationException("the batch size must be positive, got " + batchSize);
        }
        if (bufferRows <= 0) {
            throw new ConfigurationException("the shuffle buffer must hold at least one row, got " + bufferRows);
        }
        this.file = file;
        this.dataType = dataType;
        this.batchSize = (int) Math.min(batchSize, file.rows());
        this.capacity = (int) Math.min(bufferRows, file.rows());
        this.seed = seed;
        this.features = file.features();
        this.classes = file.classes();
        if ((long) capacity * features > Integer.MAX_VALUE - 8) {
            throw new ConfigurationException("a shuffle buffer of " + capacity + " rows of " + features
                    + " features is larger than one array can hold");
        }
        this.buffer = new float[capacity * features];
        this.bufferLabels = new int[capacity];
        this.batchFeatures = new float[this.batchSize * features];
        this.batchTargets = new float[this.batchSize * classes];
        this.batchLabels = new int[this.batchSize];
        this.full = new Minibatches.Batch(dataType, this.batchSize, features, classes);
    }

    @Override
    public long size() {
        return file.rows();
    }

    @Override
    public int featureCount() {
        return features;
    }

    @Override
    public int targetCount() {
        return classes;
    }

    @Override
    public java.util.List<String> classNames() {
        return file.classNames();
    }

    @Override
    public InputEncoding inputEncoding() {
        return file.encoding();
    }

    @Override
    public boolean isClassification() {
        return true;
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public int batchesPerEpoch() {
        return (int) ((file.rows() + batchSize - 1) / batchSize);
    }

    @Override
    public DataSet firstRows(int rows) {
        requireOpen();
        int n = (int) Math.min(rows, file.rows());
        float[] values = new float[Math.multiplyExact(n, features)];
        int[] labels = new int[n];
        try (RowFile.Reader head = file.open()) {
            for (int i = 0; i < n; i++) {
                labels[i] = head.next(values, i * features);
            }
        }
        return DataSet.ofClasses(org.nd4j.linalg.factory.Nd4j.create(values, new long[] {n, features}, dataType), labels, classes);
    }

    /** B, the rows the shuffle buffer holds. */
    int bufferRows() {
        return capacity;
    }

    @Override
    public void startEpoch(int epoch) {
        requireOpen();
        closeReader();
        reader = file.open();
        random = new Random(seed * 1_000_003L + epoch);
        emitted = 0;
        filled = 0;
        while (filled < capacity && readInto(filled)) {
            filled++;
        }
    }

    @Override
    public boolean hasNext() {
        return reader != null && emitted < file.rows();
    }

    @Override
    public Minibatches.Batch next() {
        requireOpen();
        int n = (int) Math.min(batchSize, file.rows() - emitted);
        Arrays.fill(batchTargets, 0, n * classes, 0f);
        for (int i = 0; i < n; i++) {
            if (filled == 0) {
                throw new DataException(file.describe() + ": ended after " + (emitted + i) + " of its " + file.rows()
                        + " rows (was it changed while training?)");
            }
            int slot = random.nextInt(filled);
            System.arraycopy(buffer, slot * features, batchFeatures, i * features, features);
            batchLabels[i] = bufferLabels[slot];
            batchTargets[i * classes + bufferLabels[slot]] = 1f;
            if (!readInto(slot)) {
                filled--;
                System.arraycopy(buffer, filled * features, buffer, slot * features, features);
                bufferLabels[slot] = bufferLabels[filled];
            }
        }
        emitted += n;
        Minibatches.Batch batch = n == batchSize ? full : lastBatch(n);
        batch.put(batchFeatures, batchTargets, batchLabels);
        if (emitted == file.rows()) {
            closeReader();
        }
        return batch;
    }

    /** Reads the file's next row into buffer slot {@code slot}; false after the last row. */
    private boolean readInto(int slot) {
        int label = reader.next(buffer, slot * features);
        if (label < 0) {
            return false;
        }
        bufferLabels[slot] = label;
        return true;
    }

    private Minibatches.Batch lastBatch(int n) {
        if (last == null || last.size() != n) {
            if (last != null) {
                last.close();
            }
            last = new Minibatches.Batch(dataType, n, features, classes);
        }
        return last;
    }

    private void closeReader() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the batch source over " + file.describe() + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeReader();
        full.close();
        if (last != null) {
            last.close();
        }
    }
}
