package org.neuronkit.spark;

import java.io.Serializable;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.neuronkit.DataException;

/**
 * The size of the training (or validation) data, from one small job over the cached blocks (which
 * packs them, and so checks every row): rows N, feature width D (the same in every partition), the
 * largest label, the labels' mean and standard deviation (for standardised regression targets), and
 * the rows per class (for balanced class weights; labels are class indices there).
 */
record DataShape(long rows, int width, float maxLabel, double labelMean, double labelStd, long[] classCounts) {

    /** One partition's counts. */
    private record Part(int partition, int rows, int width, float maxLabel, double labelSum, double labelSquares,
                        long[] counts) implements Serializable {
    }

    /**
     * Packs and measures {@code blocks} ({@code classes}: count the rows of each class label).
     *
     * @throws DataException for empty data, partitions of different widths, or vectors of size 0;
     *     {@code what} ("training", "validation") names the data in the message
     */
    static DataShape of(JavaRDD<PackedBlock> blocks, String featuresCol, String what, boolean classes) {
        List<Part> parts = blocks.map(b -> new Part(b.partition, b.rows, b.width, b.maxLabel(), b.labelSum(), b.labelSquares(),
                classes ? b.classCounts() : null)).collect();
        long rows = 0;
        Part first = null;
        float maxLabel = -1;
        double sum = 0;
        double squares = 0;
        long[] counts = new long[0];
        for (Part part : parts) {
            if (part.rows() == 0) {
                continue;
            }
            if (first == null) {
                first = part;
            } else if (part.width() != first.width()) {
                throw new DataException("features column '" + featuresCol + "': row 0 of partition " + part.partition() + " has "
                        + part.width() + " features, row 0 of partition " + first.partition() + " has " + first.width());
            }
            rows += part.rows();
            maxLabel = Math.max(maxLabel, part.maxLabel());
            sum += part.labelSum();
            squares += part.labelSquares();
            if (classes) {
                counts = add(counts, part.counts());
            }
        }
        if (first == null) {
            throw new DataException("the " + what + " data has no rows");
        }
        if (first.width() == 0) {
            throw new DataException("features column '" + featuresCol + "' has vectors of size 0");
        }
        double mean = sum / rows;
        double std = Math.sqrt(Math.max(0, squares / rows - mean * mean));
        return new DataShape(rows, first.width(), maxLabel, mean, std, classes ? counts : null);
    }

    private static long[] add(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, Math.max(a.length, b.length));
        for (int i = 0; i < b.length; i++) {
            out[i] += b[i];
        }
        return out;
    }
}
