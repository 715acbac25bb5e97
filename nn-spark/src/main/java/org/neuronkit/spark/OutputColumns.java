package org.neuronkit.spark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.neuronkit.DataException;

/**
 * The columns a model appends (name → type, in order), e.g. the predicted class (double, as Spark ML's
 * evaluators expect) and the class probabilities (a vector). Checks the features column and that no
 * output column exists yet or is named twice.
 */
record OutputColumns(Map<String, DataType> columns) {

    static OutputColumns of(String name, DataType type) {
        Map<String, DataType> columns = new LinkedHashMap<>();
        columns.put(name, type);
        return new OutputColumns(columns);
    }

    /** These columns and {@code name}; a {@link DataException} if {@code name} is one of them already. */
    OutputColumns and(String name, DataType type) {
        if (columns.containsKey(name)) {
            throw new DataException("two output columns are both named '" + name + "'");
        }
        Map<String, DataType> more = new LinkedHashMap<>(columns);
        more.put(name, type);
        return new OutputColumns(more);
    }

    /** {@code schema} with the output columns; a {@link DataException} if the input is unusable. */
    StructType append(StructType schema, String featuresCol) {
        FeatureColumn.of(schema, featuresCol);
        StructType out = schema;
        for (Map.Entry<String, DataType> column : columns.entrySet()) {
            if (Arrays.asList(schema.fieldNames()).contains(column.getKey())) {
                throw new DataException("output column '" + column.getKey() + "' already exists; choose another name (setPredictionCol"
                        + (columns.size() > 1 ? " / setProbabilityCol)" : ")"));
            }
            out = out.add(column.getKey(), column.getValue(), false);
        }
        return out;
    }
}
