package org.neuronkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.neuronkit.DataException;

/**
 * {@code array<double>} and {@code array<float>} feature columns, as Spark SQL hands them to a row
 * (a Scala sequence, not a {@link java.util.List}), in {@code fit} and {@code transform}: the same
 * rows as vectors give the same model and the same scores; a null element is named with its row.
 */
class ArrayColumnTest {
    private static final int WIDTH = 4;

    private static Dataset<Row> asArrays(List<Row> vectorRows, boolean floats) {
        List<Row> rows = new ArrayList<>();
        for (Row row : vectorRows) {
            double[] x = ((Vector) row.get(0)).toArray();
            List<Object> values = new ArrayList<>();
            for (double v : x) {
                values.add(floats ? (Object) (float) v : (Object) v);
            }
            rows.add(RowFactory.create(values.toArray(), row.get(1)));
        }
        StructType schema = new StructType()
                .add("features", DataTypes.createArrayType(floats ? DataTypes.FloatType : DataTypes.DoubleType, true))
                .add("label", DataTypes.DoubleType);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext());
        return SparkTests.spark().createDataFrame(jsc.parallelize(rows, 2), schema);
    }

    @Test
    void arrayColumnsFitAndScoreLikeVectors() {
        List<Row> train = SparkTests.blobs(200, WIDTH, 2, 21);
        List<Row> test = SparkTests.blobs(60, WIDTH, 2, 22);
        NeuronKitClassifier classifier = new NeuronKitClassifier().setEpochs(2).setBatchSize(32).setLearningRate(0.01);
        NeuronKitClassificationModel fromVectors = classifier.fit(SparkTests.frame(train, 2));
        NeuronKitClassificationModel fromArrays = classifier.fit(asArrays(train, false));
        assertArrayEquals(fromVectors.network().parameters().toFloatVector(), fromArrays.network().parameters().toFloatVector(),
                "array<double> rows train the same network as vector rows");

        List<Row> byVectors = fromVectors.transform(SparkTests.frame(test, 2)).select("prediction", "probability").collectAsList();
        for (boolean floats : new boolean[] {false, true}) {
            List<Row> byArrays = fromVectors.transform(asArrays(test, floats)).select("prediction", "probability").collectAsList();
            assertEquals(byVectors.size(), byArrays.size());
            for (int i = 0; i < byVectors.size(); i++) {
                assertEquals(byVectors.get(i).getDouble(0), byArrays.get(i).getDouble(0), "prediction of row " + i);
                double[] expected = ((Vector) byVectors.get(i).get(1)).toArray();
                double[] actual = ((Vector) byArrays.get(i).get(1)).toArray();
                for (int c = 0; c < expected.length; c++) {
                    assertEquals(expected[c], actual[c], floats ? 1e-6 : 0, "probability " + c + " of row " + i + ", floats " + floats);
                }
            }
        }
    }

    @Test
    void nullArrayElementIsNamedWithItsRow() {
        Dataset<Row> good = asArrays(SparkTests.blobs(40, WIDTH, 2, 23), false);
        List<Row> arrays = new ArrayList<>(good.collectAsList());
        arrays.set(25, RowFactory.create(new Object[] {0.5, null, 1.0, 1.0}, arrays.get(25).get(1)));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext());
        Dataset<Row> data = SparkTests.spark().createDataFrame(jsc.parallelize(arrays, 2), good.schema());
        String message = assertThrows(DataException.class, () -> new NeuronKitClassifier().setEpochs(1).fit(data)).getMessage();
        assertTrue(message.contains("features column 'features', row 5 of partition 1: feature 1 is null"), message);
    }
}
