package org.neuronkit.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local[2] Spark session for all the module's tests, and small labelled data sets. */
final class SparkTests {
    private static SparkSession session;

    private SparkTests() {
    }

    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("nn-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }

    static final StructType SCHEMA = new StructType()
            .add("features", SQLDataTypes.VectorType(), false)
            .add("label", DataTypes.DoubleType, false);

    /**
     * {@code rows} rows of {@code classes} Gaussian blobs in {@code width} dimensions (centres ±2 on
     * the class's own coordinates, noise σ = 0.7): separable enough that a small network learns them.
     */
    static List<Row> blobs(int rows, int width, int classes, long seed) {
        Random random = new Random(seed);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int label = i % classes;
            double[] x = new double[width];
            for (int j = 0; j < width; j++) {
                double centre = j % classes == label ? 2 : -0.5;
                x[j] = centre + 0.7 * random.nextGaussian();
            }
            out.add(RowFactory.create(Vectors.dense(x), (double) label));
        }
        return out;
    }

    /** The rows as a DataFrame of {@link #SCHEMA} in exactly {@code partitions} partitions, split in order. */
    static Dataset<Row> frame(List<Row> rows, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        return spark().createDataFrame(jsc.parallelize(rows, partitions), SCHEMA);
    }
}
