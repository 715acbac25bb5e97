package org.neuronkit.spark;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A task's minibatch arrays, refilled in place for every step and reallocated only when the batch
 * size changes (at most once per epoch, {@link BatchSchedule}): the network's prepared native ops
 * are tied to their input arrays, so a new array every step would make them be prepared again.
 *
 * <h2>Shapes</h2>
 * features k × width, targets k × outputs (one-hot rows for classes, one column of values otherwise).
 */
final class BatchBuffer implements AutoCloseable {
    private final int width;
    private final int outputs;
    private final boolean classes;
    private float[] x = new float[0];
    private float[] y = new float[0];
    private INDArray features;
    private INDArray targets;

    BatchBuffer(int width, int outputs, boolean classes) {
        this.width = width;
        this.outputs = outputs;
        this.classes = classes;
    }

    /** Loads rows order[from, to) of {@code block}. */
    void fill(PackedBlock block, int[] order, int from, int to) {
        int k = to - from;
        if (features == null || features.rows() != k) {
            close();
            x = new float[k * width];
            y = new float[k * outputs];
            features = Nd4j.create(x, new long[] {k, width}, 'c');
            targets = Nd4j.create(y, new long[] {k, outputs}, 'c');
        }
        Arrays.fill(y, 0f);
        for (int i = 0; i < k; i++) {
            int row = order[from + i];
            System.arraycopy(block.features, row * width, x, i * width, width);
            if (classes) {
                y[i * outputs + (int) block.labels[row]] = 1f;
            } else {
                y[i] = block.labels[row];
            }
        }
        features.data().setData(x);
        targets.data().setData(y);
    }

    INDArray features() {
        return features;
    }

    INDArray targets() {
        return targets;
    }

    /** Releases the native buffers. */
    @Override
    public void close() {
        if (features != null) {
            features.close();
            targets.close();
        }
    }
}
