package org.neuronkit.spark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.network.Network;
import org.neuronkit.spark.NeuronKitClassificationModel;
import org.neuronkit.spark.NeuronKitClassifier;

/**
 * The driver of {@code nn-spark/cluster-test.sh}: fits NeuronKitClassifier (H = 1, so the result does
 * not depend on where the partitions run) on a standalone cluster, and checks that
 * <ol>
 *   <li>the test accuracy is above 0.9;</li>
 *   <li>a second fit, during which the script kills a Worker (it waits for the marker file this
 *       writes when the fit starts), ends with the same parameters (within 1e-5: only the order of
 *       the partitions' float sums may differ);</li>
 *   <li>the same fit on {@code local[2]} predicts the same classes and probabilities (within 1e-4).</li>
 * </ol>
 * {@code mode=scaling} instead fits once and prints the fit time (for 1 versus 2 Workers). Prints
 * {@code CLUSTER CHECK OK} and exits 0 when every check holds; exits 1 naming the one that failed.
 * Options ({@code key=value}): see {@link #DEFAULTS}.
 */
public final class ClusterCheck {
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("master", "spark://127.0.0.1:7077");
        DEFAULTS.put("mode", "check");
        DEFAULTS.put("marker", "");
        DEFAULTS.put("rows", "8000");
        DEFAULTS.put("width", "16");
        DEFAULTS.put("epochs", "4");
        DEFAULTS.put("partitions", "2");
    }

    private static final int CLASSES = 4;
    private final Map<String, String> options;

    private ClusterCheck(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Map<String, String> options = Options.parse(args, DEFAULTS);
        String failure = new ClusterCheck(options).run();
        if (failure != null) {
            System.out.println("CLUSTER CHECK FAILED: " + failure);
            System.exit(1);
        }
        System.out.println("CLUSTER CHECK OK");
        System.exit(0);
    }

    private int option(String key) {
        return Integer.parseInt(options.get(key));
    }

    /** Runs the checks; the first that fails, described, or null. */
    private String run() {
        SparkSession cluster = SparkSession.builder().master(options.get("master")).appName("neuronkit-cluster-check").getOrCreate();
        Dataset<Row> train = frame(cluster, option("rows"), 1);
        Dataset<Row> test = frame(cluster, 2000, 2);
        if (options.get("mode").equals("scaling")) {
            long start = System.nanoTime();
            classifier().fit(train);
            System.out.printf(Locale.ROOT, "SCALING fit of %d rows, %d epochs, H = 1: %.1f s%n", option("rows"), option("epochs"),
                    (System.nanoTime() - start) / 1e9);
            cluster.stop();
            return null;
        }
        NeuronKitClassificationModel undisturbed = classifier().fit(train);
        List<Row> clusterScores = undisturbed.transform(test).select("prediction", "probability").collectAsList();
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(undisturbed.transform(test));
        System.out.printf(Locale.ROOT, "cluster fit: test accuracy %.4f%n", accuracy);
        if (accuracy < 0.9) {
            return "the cluster fit's test accuracy is " + accuracy + ", below 0.9";
        }
        touch(options.get("marker"));
        NeuronKitClassificationModel disturbed = classifier().fit(train);
        double drift = largestDifference(undisturbed, disturbed);
        System.out.printf(Locale.ROOT, "fit with a Worker killed: largest parameter difference from the undisturbed fit %.3g%n", drift);
        if (!(drift <= 1e-5)) {
            return "the fit during which a Worker was killed differs from the undisturbed one by " + drift;
        }
        cluster.stop();

        SparkSession local = SparkSession.builder().master("local[2]").appName("neuronkit-cluster-check-local")
                .config("spark.ui.enabled", "false").getOrCreate();
        NeuronKitClassificationModel reference = classifier().fit(frame(local, option("rows"), 1));
        List<Row> localScores = reference.transform(frame(local, 2000, 2)).select("prediction", "probability").collectAsList();
        double gap = 0;
        for (int i = 0; i < localScores.size(); i++) {
            if (localScores.get(i).getDouble(0) != clusterScores.get(i).getDouble(0)) {
                return "row " + i + ": the cluster fit predicts class " + clusterScores.get(i).getDouble(0) + ", the local[2] fit "
                        + localScores.get(i).getDouble(0);
            }
            double[] a = ((Vector) localScores.get(i).get(1)).toArray();
            double[] b = ((Vector) clusterScores.get(i).get(1)).toArray();
            for (int c = 0; c < a.length; c++) {
                gap = Math.max(gap, Math.abs(a[c] - b[c]));
            }
        }
        System.out.printf(Locale.ROOT, "local[2] fit: same %d predicted classes; largest probability difference %.3g%n", localScores.size(), gap);
        local.stop();
        return gap <= 1e-4 ? null : "the local[2] fit's probabilities differ from the cluster fit's by " + gap;
    }

    private NeuronKitClassifier classifier() {
        return new NeuronKitClassifier().setLayers(new DenseSpec(32, "relu"), new DenseSpec(16, "relu")).setLearningRate(0.01)
                .setBatchSize(500).setEpochs(option("epochs")).setSeed(7).setLocalSteps(1);
    }

    private static double largestDifference(NeuronKitClassificationModel a, NeuronKitClassificationModel b) {
        try (Network x = a.network(); Network y = b.network()) {
            return x.parameters().sub(y.parameters()).amaxNumber().doubleValue();
        }
    }

    /**
     * {@code rows} rows of {@value #CLASSES} overlapping Gaussian blobs in {@code width} dimensions in the
     * configured number of partitions; row i is drawn from (seed, i) on the executor that computes its
     * partition, so every run and every master sees the same partitions, and no task carries the data.
     */
    private Dataset<Row> frame(SparkSession spark, int rows, long seed) {
        int width = option("width");
        int partitions = option("partitions");
        List<Integer> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(p);
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false).add("label", DataTypes.DoubleType, false);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(parts, partitions).flatMap(p -> {
            List<Row> out = new ArrayList<>();
            for (long i = (long) p * rows / partitions; i < (long) (p + 1) * rows / partitions; i++) {
                Random random = new Random(seed * 1_000_003L + i);
                int label = (int) (i % CLASSES);
                double[] x = new double[width];
                for (int j = 0; j < width; j++) {
                    x[j] = (j % CLASSES == label ? 2.0 : 0.0) + random.nextGaussian();
                }
                out.add(RowFactory.create(Vectors.dense(x), (double) label));
            }
            return out.iterator();
        }), schema);
    }

    private static void touch(String marker) {
        if (marker.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(marker), "started\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
