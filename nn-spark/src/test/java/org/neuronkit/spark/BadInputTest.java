package org.neuronkit.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.neuronkit.DataException;
import org.neuronkit.layer.DenseSpec;

/**
 * Bad input fails with a {@link DataException} that names the column and, for a bad value, the row
 * and its partition; schema errors come before any Spark job (the data here would fail any job).
 */
class BadInputTest {
    private static final int WIDTH = 4;

    /** A DataFrame of {@code schema} whose rows throw if any job ever computes them. */
    private static Dataset<Row> untouchable(StructType schema) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext());
        return SparkTests.spark().createDataFrame(jsc.parallelize(List.of(1, 2), 2).map(i -> {
            throw new IllegalStateException("a Spark job ran");
        }), schema);
    }

    private static String fitError(Dataset<Row> data, NeuronKitClassifier classifier) {
        return assertThrows(DataException.class, () -> classifier.setEpochs(1).fit(data)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void missingColumnIsNamedBeforeAnyJob() {
        Dataset<Row> data = untouchable(SparkTests.SCHEMA);
        assertMentions(fitError(data, new NeuronKitClassifier().setFeaturesCol("pixels")),
                "features column 'pixels' does not exist", "features, label");
        assertMentions(fitError(data, new NeuronKitClassifier().setLabelCol("y")), "label column 'y' does not exist");
    }

    @Test
    void wrongTypesAreNamedBeforeAnyJob() {
        StructType textFeatures = new StructType().add("features", DataTypes.StringType).add("label", DataTypes.DoubleType);
        assertMentions(fitError(untouchable(textFeatures), new NeuronKitClassifier()),
                "features column 'features' has type string", "vector");
        StructType textLabels = new StructType().add("features", DataTypes.createArrayType(DataTypes.DoubleType))
                .add("label", DataTypes.StringType);
        assertMentions(fitError(untouchable(textLabels), new NeuronKitClassifier()), "label column 'label' has type string");
        StructType taken = SparkTests.SCHEMA.add("prediction", DataTypes.DoubleType);
        assertMentions(fitError(untouchable(taken), new NeuronKitClassifier()), "output column 'prediction' already exists");
    }

    /** 40 good rows in 2 partitions of 20, with row {@code bad} (in partition 1 if ≥ 20) replaced. */
    private static Dataset<Row> withBadRow(int bad, Row replacement) {
        List<Row> rows = new ArrayList<>(SparkTests.blobs(40, WIDTH, 2, 5));
        rows.set(bad, replacement);
        return SparkTests.frame(rows, 2);
    }

    @Test
    void vectorOfTheWrongSizeNamesItsRow() {
        Dataset<Row> data = withBadRow(27, RowFactory.create(Vectors.dense(1, 2, 3), 1.0));
        assertMentions(fitError(data, new NeuronKitClassifier()),
                "features column 'features', row 7 of partition 1: 3 features, but 4 were expected");
    }

    @Test
    void nanFeatureNamesItsRowAndFeature() {
        Dataset<Row> data = withBadRow(3, RowFactory.create(Vectors.dense(0.5, Double.NaN, 1, 1), 0.0));
        assertMentions(fitError(data, new NeuronKitClassifier()),
                "features column 'features', row 3 of partition 0: feature 1 is NaN");
    }

    @Test
    void labelOutsideTheClassesNamesItsRow() {
        Dataset<Row> data = withBadRow(25, RowFactory.create(Vectors.dense(1, 2, 3, 4), 2.0));
        assertMentions(fitError(data, new NeuronKitClassifier().setNumClasses(2)),
                "label column 'label', row 5 of partition 1: label 2.0 is outside the classes 0..1");
        Dataset<Row> negative = withBadRow(0, RowFactory.create(Vectors.dense(1, 2, 3, 4), -1.0));
        assertMentions(fitError(negative, new NeuronKitClassifier()), "row 0 of partition 0: label -1.0 is outside the classes");
    }

    @Test
    void scoringAWrongSizedVectorNamesItsRow() {
        NeuronKitClassificationModel model = new NeuronKitClassifier().setEpochs(1).setLayers(new DenseSpec(4, "relu"))
                .fit(SparkTests.frame(SparkTests.blobs(40, WIDTH, 2, 5), 2));
        Dataset<Row> scored = model.transform(withBadRow(30, RowFactory.create(Vectors.dense(1, 2), 1.0)));
        Exception failure = assertThrows(SparkException.class, scored::collectAsList);
        assertMentions(TaskErrors.unwrap(failure).getMessage(), "features column 'features', row 10 of partition 1: 2 features");
    }
}
