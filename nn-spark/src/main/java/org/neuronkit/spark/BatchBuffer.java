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
 * features k × width, targets k × outputs ({@link Targets}: one-hot rows for classes, one standardised
 * column of values otherwise).
 */
final class BatchBuffer implements AutoCloseable {
    private final int width;
    private final Targets targets;
    private float[] x = new float[0];
    private float[] y = new float[0];
    private INDArray features;
    private INDArray targetRows;

    BatchBuffer(int width, Targets targets) {
        this.width = width;
        this.targets = targets;
    }

    /** Loads rows order[from, to) of {@code block}. */
    void fill(PackedBlock block, int[] order, int from, int to) {
        int k = to - from;
        if (features == null || features.rows() != k) {
            close();
            x = new float[k * width];
            y = new float[k * targets.outputs()];
            features = Nd4j.create(x, new long[] {k, width}, 'c');
            targetRows = Nd4j.create(y, new long[] {k, targets.outputs()}, 'c');
        }
        Arrays.fill(y, 0f);
        for (int i = 0; i < k; i++) {
            int row = order[from + i];
            System.arraycopy(block.features, row * width, x, i * width, width);
            targets.write(block.labels[row], y, i * targets.outputs());
        }
        features.data().setData(x);
        targetRows.data().setData(y);
    }

    INDArray features() {
        return features;
    }

    INDArray targets() {
        return targetRows;
    }

    /** Releases the native buffers. */
    @Override
    public void close() {
        if (features != null) {
            features.close();
            targetRows.close();
        }
    }
}
