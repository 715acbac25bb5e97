package org.neuronkit.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.serve.Predictor;

/**
 * Scores one partition through its executor's shared {@link Predictor} ({@link ExecutorPredictors},
 * loaded from the broadcast model file the first time a task of this JVM needs it): batches of up to
 * {@value #BATCH} rows read into an N × D float matrix, one forward pass each, and each input row
 * returned with the {@link RowScorer}'s values appended. Rows stream through: a partition is never
 * held whole.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    static final int BATCH = 1024;
    private final String key;
    private final Broadcast<byte[]> model;
    private final FeatureColumn features;
    private final int column;
    private final int width;
    private final RowScorer scorer;

    PartitionScorer(String key, Broadcast<byte[]> model, FeatureColumn features, int column, int width, RowScorer scorer) {
        this.key = key;
        this.model = model;
        this.features = features;
        this.column = column;
        this.width = width;
        this.scorer = scorer;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        TaskThreads.limitToTask();
        Predictor predictor = ExecutorPredictors.get(key, model::value);
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        return new Iterator<>() {
            private final List<Row> rows = new ArrayList<>(BATCH);
            private final float[] x = new float[BATCH * width];
            private float[][] outputs = new float[0][];
            private int next;
            private long seen;

            @Override
            public boolean hasNext() {
                if (next < rows.size()) {
                    return true;
                }
                rows.clear();
                next = 0;
                while (rows.size() < BATCH && input.hasNext()) {
                    Row row = input.next();
                    features.read(row, column, width, x, rows.size() * width, "row " + (seen + rows.size()) + " of partition " + partition);
                    rows.add(row);
                }
                if (rows.isEmpty()) {
                    return false;
                }
                seen += rows.size();
                try (INDArray batch = Nd4j.create(java.util.Arrays.copyOf(x, rows.size() * width), new long[] {rows.size(), width}, 'c');
                     INDArray output = predictor.output(batch)) {
                    outputs = output.toFloatMatrix();
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = rows.get(next);
                Object[] appended = scorer.values(outputs[next++]);
                Object[] values = new Object[row.length() + appended.length];
                for (int i = 0; i < row.length(); i++) {
                    values[i] = row.get(i);
                }
                System.arraycopy(appended, 0, values, row.length(), appended.length);
                return RowFactory.create(values);
            }
        };
    }
}
