package org.neuronkit.spark;

import java.io.Serializable;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.neuronkit.DataException;

/**
 * Reads a numeric label column: class indices 0..C−1 for a classifier (C known, or 0 while it is still
 * to be inferred from the data), any finite value for a regressor. Each bad value is reported with its
 * column and row.
 */
final class LabelColumn implements Serializable {
    private final String name;
    private final boolean classes;
    private final int numClasses;

    private LabelColumn(String name, boolean classes, int numClasses) {
        this.name = name;
        this.classes = classes;
        this.numClasses = numClasses;
    }

    /** Class labels in 0..numClasses−1 (numClasses 0: any non-negative integer, C to be inferred). */
    static LabelColumn classes(StructType schema, String name, int numClasses) {
        return new LabelColumn(checkNumeric(schema, name), true, numClasses);
    }

    /** Real-valued targets. */
    static LabelColumn values(StructType schema, String name) {
        return new LabelColumn(checkNumeric(schema, name), false, 0);
    }

    private static String checkNumeric(StructType schema, String name) {
        DataType type = FeatureColumn.field(schema, name, "label").dataType();
        if (!(type instanceof NumericType)) {
            throw new DataException("label column '" + name + "' has type " + type.simpleString() + "; expected a numeric type");
        }
        return name;
    }

    /** The label of {@code row} (column {@code index}); {@code where} names the row in errors. */
    float read(Row row, int index, String where) {
        Object value = row.get(index);
        if (value == null) {
            throw new DataException("label column '" + name + "', " + where + ": the label is null");
        }
        double label = ((Number) value).doubleValue();
        if (!Double.isFinite(label)) {
            throw new DataException("label column '" + name + "', " + where + ": the label is " + label);
        }
        if (classes && (label < 0 || label != Math.rint(label) || (numClasses > 0 && label >= numClasses))) {
            throw new DataException("label column '" + name + "', " + where + ": label " + label + " is outside the classes 0.."
                    + (numClasses > 0 ? String.valueOf(numClasses - 1) : "C−1") + (numClasses > 0 ? "" : " (a non-negative integer)"));
        }
        return (float) label;
    }
}
