package org.neuronkit.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;

import org.apache.spark.sql.Row;

/**
 * One partition's training rows, packed once into two float arrays and cached by Spark for every
 * round: features row-major (rows × width) and one label per row.
 *
 * <h2>Shapes</h2>
 * {@code features}: rows × width, {@code labels}: rows.
 */
final class PackedBlock implements Serializable {
    final int partition;
    final int rows;
    final int width;
    final float[] features;
    final float[] labels;

    private PackedBlock(int partition, int rows, int width, float[] features, float[] labels) {
        this.partition = partition;
        this.rows = rows;
        this.width = width;
        this.features = features;
        this.labels = labels;
    }

    /**
     * Packs a partition's rows, whose features are column 0 and label column 1. The width is the
     * first row's (or {@code expectedWidth} when &gt; 0); any row that differs, or has a non-finite
     * feature or a bad label, fails with an error naming the column, the partition and the row.
     */
    static PackedBlock pack(int partition, Iterator<Row> input, FeatureColumn features, LabelColumn label, int expectedWidth) {
        int width = expectedWidth;
        float[] x = new float[0];
        float[] y = new float[0];
        int n = 0;
        while (input.hasNext()) {
            Row row = input.next();
            String where = "row " + n + " of partition " + partition;
            if (width <= 0) {
                width = features.size(row, 0, where);
            }
            if ((long) (n + 1) * width > x.length) {
                x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16L * width, 2L * x.length)));
                y = Arrays.copyOf(y, x.length / width);
            }
            features.read(row, 0, width, x, n * width, where);
            y[n] = label.read(row, 1, where);
            n++;
        }
        return new PackedBlock(partition, n, Math.max(width, 0), Arrays.copyOf(x, n * Math.max(width, 0)), Arrays.copyOf(y, n));
    }

    /** Σ labels, for their mean. */
    double labelSum() {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += labels[i];
        }
        return sum;
    }

    /** Σ labels², for their standard deviation. */
    double labelSquares() {
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += (double) labels[i] * labels[i];
        }
        return sum;
    }

    /** The rows of each class 0..max label (labels are class indices). */
    long[] classCounts() {
        long[] counts = new long[(int) maxLabel() + 1];
        for (int i = 0; i < rows; i++) {
            counts[(int) labels[i]]++;
        }
        return counts;
    }

    /** The largest label (−1 for an empty block), to infer the number of classes. */
    float maxLabel() {
        float max = -1;
        for (int i = 0; i < rows; i++) {
            max = Math.max(max, labels[i]);
        }
        return max;
    }
}
