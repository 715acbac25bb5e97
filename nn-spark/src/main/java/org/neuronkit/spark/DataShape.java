package org.neuronkit.spark;

import java.io.Serializable;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.neuronkit.DataException;

/**
 * The size of the training data, from one small job over the cached blocks (which packs them, and so
 * checks every row): rows N, feature width D (the same in every partition) and the number of classes C.
 */
record DataShape(long rows, int width, int classes) {

    /** One partition's counts. */
    private record Part(int partition, int rows, int width, float maxLabel) implements Serializable {
    }

    /**
     * Packs and measures {@code blocks}; {@code numClasses} 0 infers C as the largest label + 1.
     *
     * @throws DataException for empty data, partitions of different widths, or fewer than 2 classes
     */
    static DataShape of(JavaRDD<PackedBlock> blocks, String featuresCol, String labelCol, int numClasses) {
        List<Part> parts = blocks.map(b -> new Part(b.partition, b.rows, b.width, b.maxLabel())).collect();
        long rows = 0;
        Part first = null;
        float maxLabel = -1;
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
        }
        if (first == null) {
            throw new DataException("the training data has no rows");
        }
        if (first.width() == 0) {
            throw new DataException("features column '" + featuresCol + "' has vectors of size 0");
        }
        int classes = numClasses > 0 ? numClasses : (int) maxLabel + 1;
        if (classes < 2) {
            throw new DataException("label column '" + labelCol + "' has only the class 0: a classifier needs at least 2 classes"
                    + " (set numClasses if the data lacks the higher ones)");
        }
        return new DataShape(rows, first.width(), classes);
    }
}
