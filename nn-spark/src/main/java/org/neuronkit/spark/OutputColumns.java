package org.neuronkit.spark;

import java.util.Arrays;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.neuronkit.DataException;

/**
 * The columns a classification model appends: the predicted class (double, as Spark ML's evaluators
 * expect) and the class probabilities (a dense vector). Checks the features column and that neither
 * output column exists yet.
 */
record OutputColumns(String prediction, String probability) {

    static OutputColumns of(ScoringParams<?> params) {
        return new OutputColumns(params.getPredictionCol(), params.getProbabilityCol());
    }

    /** {@code schema} with the two output columns; a {@link DataException} if the input is unusable. */
    StructType append(StructType schema, String featuresCol) {
        FeatureColumn.of(schema, featuresCol);
        for (String output : new String[] {prediction, probability}) {
            if (Arrays.asList(schema.fieldNames()).contains(output)) {
                throw new DataException("output column '" + output + "' already exists; choose another name with setPredictionCol / setProbabilityCol");
            }
        }
        if (prediction.equals(probability)) {
            throw new DataException("predictionCol and probabilityCol are both '" + prediction + "'");
        }
        return schema.add(prediction, DataTypes.DoubleType, false).add(probability, SQLDataTypes.VectorType(), false);
    }
}
