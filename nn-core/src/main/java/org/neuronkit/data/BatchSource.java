package org.neuronkit.data;

import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Where {@link org.neuronkit.train.Trainer#fit(org.neuronkit.network.Network, BatchSource, DataSet)}
 * takes its minibatches from, one epoch at a time. The order of an epoch's batches depends only on
 * the source's seed and the epoch number, so a run resumed at an epoch sees the same batches as an
 * uninterrupted one.
 *
 * <ul>
 *   <li>{@link Minibatches}: a {@link DataSet} in memory, a full permutation per epoch;</li>
 *   <li>{@link #csv}: a CSV file read in chunks, never whole;</li>
 *   <li>{@link #idx}: an IDX image and label file pair (MNIST layout), read as a stream.</li>
 * </ul>
 * The streamed sources shuffle through a buffer of a fixed number of rows (see {@link ShuffledBatches}):
 * their memory is bounded by that buffer and one batch, whatever the file's size.
 *
 * <p>A source owns native memory (its batch buffers): {@link #close()} releases it.
 *
 * <h2>Shapes</h2>
 * Each batch has features N × {@link #featureCount()} and targets N × {@link #targetCount()}
 * (one-hot rows for classification), N = the batch size but for an epoch's last batch.
 */
public interface BatchSource extends AutoCloseable {

    /** Samples per epoch. */
    long size();

    int featureCount();

    /** Columns of the targets: the number of classes of a classification source. */
    int targetCount();

    boolean isClassification();

    /** The name of each class, in class order; empty when the source names none. */
    default List<String> classNames() {
        return List.of();
    }

    /** How the source's raw columns become its features (one-hot categories), or null when they are the features. */
    default InputEncoding inputEncoding() {
        return null;
    }

    /** The data type of the batches' arrays. */
    DataType dataType();

    /** Batches per epoch: ⌈{@link #size()} / batch size⌉. */
    int batchesPerEpoch();

    /** Starts epoch {@code epoch} (0-based) with its own order of the samples. */
    void startEpoch(int epoch);

    boolean hasNext();

    /** The next batch of the epoch; its arrays are overwritten by the batch after it. */
    Minibatches.Batch next();

    /** Releases the source's native buffers and open files. */
    @Override
    void close();

    /**
     * This source with {@code normalizer} (fitted) applied to every batch's features; closing the
     * result closes this source.
     */
    default BatchSource normalizedBy(Normalizer normalizer) {
        return new NormalizedBatches(this, normalizer);
    }

    /**
     * The first {@code rows} samples in stored order (all if fewer), as they are stored (before any
     * {@link #normalizedBy} normalisation), read into memory: e.g. to fit a normaliser on a bounded
     * part of a streamed file. Leaves the epoch in progress as it was.
     */
    DataSet firstRows(int rows);

    /**
     * A labelled CSV file (format as {@code reader} reads it) streamed in batches of
     * {@code batchSize}, shuffled through a buffer of {@code bufferRows} rows with {@code seed}.
     * Opening reads the file once to count and check its rows (bounded memory; a bad cell fails
     * here, naming file, line and column); every epoch reads it again.
     */
    static BatchSource csv(Path file, CsvReader reader, int batchSize, int bufferRows, long seed) {
        return new ShuffledBatches(CsvRows.scan(file, reader), reader.dataType(), batchSize, bufferRows, seed);
    }

    /**
     * An IDX image file (N × H × W unsigned bytes, raw or gzip) and its label file, streamed like
     * {@link #csv}; pixel values as they are (0–255), labels in [0, {@code classes}).
     */
    static BatchSource idx(Path images, Path labels, int classes, int batchSize, int bufferRows, long seed) {
        return new ShuffledBatches(IdxRows.open(images, labels, classes), DataType.FLOAT, batchSize, bufferRows, seed);
    }
}
