package org.neuronkit.cuda13.engine;

/**
 * A classification data set uploaded once to an {@link Ops}: features rows × cols (row-major floats) and
 * one class index per row.
 */
public record DeviceData(Buffer features, Buffer labels, int rows, int cols) {

    /** Uploads {@code features} (rows × cols, row-major) and {@code labels}. */
    public static DeviceData upload(Ops ops, float[] features, int[] labels, int cols) {
        if (features.length != (long) labels.length * cols) {
            throw new IllegalArgumentException(features.length + " feature values do not make " + labels.length + " rows of " + cols);
        }
        Buffer x = ops.floats(features.length);
        ops.upload(features, x);
        Buffer y = ops.ints(labels.length);
        ops.upload(labels, y);
        return new DeviceData(x, y, labels.length, cols);
    }

    /** Rows from … from + n − 1, sharing the storage. */
    public DeviceData rows(int from, int n) {
        return new DeviceData(features.slice((long) from * cols, (long) n * cols), labels.slice(from, n), n, cols);
    }
}
