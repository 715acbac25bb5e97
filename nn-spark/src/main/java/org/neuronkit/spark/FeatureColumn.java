package org.neuronkit.spark;

import java.io.Serializable;
import java.util.List;

import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.neuronkit.DataException;

/**
 * Reads a features column, of Spark ML {@link Vector}s (dense or sparse) or of arrays of doubles or
 * floats, into rows of a packed float matrix, checking each row's size and that every value is finite.
 * Schema errors (a missing column, another type) are raised from the schema alone, before any job runs.
 */
final class FeatureColumn implements Serializable {
    private final String name;
    private final boolean vector;

    private FeatureColumn(String name, boolean vector) {
        this.name = name;
        this.vector = vector;
    }

    /** The column {@code name} of {@code schema}; a {@link DataException} names it if it is missing or of another type. */
    static FeatureColumn of(StructType schema, String name) {
        DataType type = field(schema, name, "features").dataType();
        if (type instanceof VectorUDT) {
            return new FeatureColumn(name, true);
        }
        if (type instanceof ArrayType array
                && (array.elementType().equals(DataTypes.DoubleType) || array.elementType().equals(DataTypes.FloatType))) {
            return new FeatureColumn(name, false);
        }
        throw new DataException("features column '" + name + "' has type " + type.simpleString()
                + "; expected a vector (org.apache.spark.ml.linalg.Vector) or an array of double or float");
    }

    /** The field {@code name} of {@code schema}, or a {@link DataException} listing the columns there are. */
    static StructField field(StructType schema, String name, String role) {
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        throw new DataException(role + " column '" + name + "' does not exist; the columns are "
                + String.join(", ", schema.fieldNames()));
    }

    String name() {
        return name;
    }

    /** The number of features of {@code row}'s value (column {@code index}); null values are an error. */
    int size(Row row, int index, String where) {
        Object value = nonNull(row, index, where);
        return vector ? ((Vector) value).size() : row.getList(index).size();
    }

    /**
     * Writes the {@code width} features of {@code row} (column {@code index}) into {@code out} from
     * {@code offset}; {@code where} says which row this is, for the error message.
     */
    void read(Row row, int index, int width, float[] out, int offset, String where) {
        Object value = nonNull(row, index, where);
        // an array column reaches a Row as a Scala sequence; getList views it as a java.util.List
        List<?> list = vector ? null : row.getList(index);
        int size = vector ? ((Vector) value).size() : list.size();
        if (size != width) {
            throw new DataException("features column '" + name + "', " + where + ": " + size
                    + " features, but " + width + " were expected (the size of the first row / the model's input)");
        }
        if (vector) {
            copy((Vector) value, out, offset, name, where);
        } else {
            for (int j = 0; j < width; j++) {
                Object element = list.get(j);
                if (element == null) {
                    throw new DataException("features column '" + name + "', " + where + ": feature " + j + " is null");
                }
                out[offset + j] = finite(((Number) element).doubleValue(), j, name, where);
            }
        }
    }

    /**
     * Writes {@code vector} (dense or sparse) into {@code out} from {@code offset}; a non-finite entry is
     * a {@link DataException} naming the column {@code name}, the row ({@code where}) and the feature.
     */
    static void copy(Vector vector, float[] out, int offset, String name, String where) {
        if (vector instanceof SparseVector sparse) {
            java.util.Arrays.fill(out, offset, offset + sparse.size(), 0f);
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                out[offset + indices[k]] = finite(values[k], indices[k], name, where);
            }
        } else {
            double[] values = vector.toArray();
            for (int j = 0; j < values.length; j++) {
                out[offset + j] = finite(values[j], j, name, where);
            }
        }
    }

    private Object nonNull(Row row, int index, String where) {
        Object value = row.get(index);
        if (value == null) {
            throw new DataException("features column '" + name + "', " + where + ": the value is null");
        }
        return value;
    }

    private static float finite(double value, int feature, String name, String where) {
        if (!Double.isFinite(value)) {
            throw new DataException("features column '" + name + "', " + where + ": feature " + feature + " is " + value
                    + "; NaN and infinite values cannot be trained on or scored");
        }
        return (float) value;
    }
}
