package org.neuronkit.data;

import org.nd4j.linalg.api.buffer.DataType;

/** The batches of another {@link BatchSource} with a fitted {@link Normalizer} applied to each batch's features in place. */
final class NormalizedBatches implements BatchSource {
    private final BatchSource source;
    private final Normalizer normalizer;

    NormalizedBatches(BatchSource source, Normalizer normalizer) {
        this.source = source;
        this.normalizer = normalizer;
    }

    @Override
    public long size() {
        return source.size();
    }

    @Override
    public int featureCount() {
        return source.featureCount();
    }

    @Override
    public int targetCount() {
        return source.targetCount();
    }

    @Override
    public boolean isClassification() {
        return source.isClassification();
    }

    @Override
    public DataType dataType() {
        return source.dataType();
    }

    @Override
    public int batchesPerEpoch() {
        return source.batchesPerEpoch();
    }

    @Override
    public void startEpoch(int epoch) {
        source.startEpoch(epoch);
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public Minibatches.Batch next() {
        Minibatches.Batch batch = source.next();
        normalizer.transform(batch.features());
        return batch;
    }

    @Override
    public DataSet firstRows(int rows) {
        return source.firstRows(rows);
    }

    @Override
    public void close() {
        source.close();
    }
}
