package org.neuronkit.cuda13.engine;

/**
 * A data set uploaded once to an {@link Ops}: features rows × cols (row-major floats) and targets rows ×
 * targetCols 4-byte words (one class index per row, or a row of regression targets).
 */
public record DeviceData(Buffer features, Buffer targets, int rows, int cols, int targetCols) {

    /** Uploads {@code features} (rows × cols, row-major) and one class index per row. */
    public static DeviceData upload(Ops ops, float[] features, int[] classes, int cols) {
        check(features, classes.length, cols);
        Buffer y = ops.ints(classes.length);
        ops.upload(classes, y);
        return new DeviceData(floats(ops, features), y, classes.length, cols, 1);
    }

    /** Uploads {@code features} (rows × cols) and {@code targets} (rows × targetCols), both row-major. */
    public static DeviceData upload(Ops ops, float[] features, float[] targets, int cols, int targetCols) {
        if (targets.length % targetCols != 0) {
            throw new IllegalArgumentException(targets.length + " target values do not make rows of " + targetCols);
        }
        int rows = targets.length / targetCols;
        check(features, rows, cols);
        return new DeviceData(floats(ops, features), floats(ops, targets), rows, cols, targetCols);
    }

    private static void check(float[] features, int rows, int cols) {
        if (features.length != (long) rows * cols) {
            throw new IllegalArgumentException(features.length + " feature values do not make " + rows + " rows of " + cols);
        }
    }

    private static Buffer floats(Ops ops, float[] values) {
        Buffer b = ops.floats(values.length);
        ops.upload(values, b);
        return b;
    }

    /** Rows from … from + n − 1, sharing the storage. */
    public DeviceData rows(int from, int n) {
        return new DeviceData(features.slice((long) from * cols, (long) n * cols), targets.slice((long) from * targetCols, (long) n * targetCols), n,
                cols, targetCols);
    }
}
