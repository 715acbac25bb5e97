package org.neuronkit.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.network.Network;

/**
 * Scores one partition: one network built from the broadcast model-file bytes, then batches of up to
 * {@value #BATCH} rows read into an N × D float matrix, one forward pass each, and each input row
 * returned with its predicted class (the arg-max) and probabilities appended. Rows stream through: a
 * partition is never held whole. The network's buffers are closed when the task ends.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    static final int BATCH = 1024;
    private final Broadcast<byte[]> model;
    private final FeatureColumn features;
    private final int column;
    private final int width;

    PartitionScorer(Broadcast<byte[]> model, FeatureColumn features, int column, int width) {
        this.model = model;
        this.features = features;
        this.column = column;
        this.width = width;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        TaskThreads.limitToTask();
        Network network = ModelBytes.load(model.value()).network();
        TaskContext task = TaskContext.get();
        int partition = task == null ? 0 : task.partitionId();
        if (task != null) {
            task.addTaskCompletionListener(context -> {
                network.parameters().close();
                network.gradients().close();
            });
        }
        return new Iterator<>() {
            private final List<Row> rows = new ArrayList<>(BATCH);
            private final float[] x = new float[BATCH * width];
            private float[][] probabilities = new float[0][];
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
                INDArray batch = Nd4j.create(java.util.Arrays.copyOf(x, rows.size() * width), new long[] {rows.size(), width}, 'c');
                INDArray output = network.output(batch);
                probabilities = output.toFloatMatrix();
                batch.close();
                output.close();
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = rows.get(next);
                float[] p = probabilities[next++];
                Object[] values = new Object[row.length() + 2];
                for (int i = 0; i < row.length(); i++) {
                    values[i] = row.get(i);
                }
                double[] probability = new double[p.length];
                int best = 0;
                for (int c = 0; c < p.length; c++) {
                    probability[c] = p[c];
                    if (p[c] > p[best]) {
                        best = c;
                    }
                }
                values[row.length()] = (double) best;
                values[row.length() + 1] = Vectors.dense(probability);
                return RowFactory.create(values);
            }
        };
    }
}
