package org.neuronkit.spark.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.stream.IntStream;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.FashionMnist;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Adam;
import org.neuronkit.spark.NeuronKitClassificationModel;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.spark.NeuronKitClassifier;
import org.neuronkit.train.Trainer;

/**
 * Fashion-MNIST from a DataFrame (pixels / 255 as a dense vector column, label as double) on
 * {@code local[N]}: NeuronKitClassifier's fit time and test accuracy, an H sweep, samples/s on
 * local[1] and local[2], the same network trained by the single-machine {@link Trainer}, and MLlib's
 * MultilayerPerceptronClassifier on the same DataFrame; then the process's peak RSS. Run through
 * {@code nn-spark/run-bench.sh}; options are {@code key=value} arguments (see {@link #DEFAULTS}).
 */
public final class FashionMnistSparkBenchmark {
    /** Every option and its default. */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("data", "/work/shared/datasets/fashion-mnist");
        DEFAULTS.put("hidden", "256,128");
        DEFAULTS.put("epochs", "10");
        DEFAULTS.put("batch", "128");
        DEFAULTS.put("lr", "0.001");
        DEFAULTS.put("h", "16");
        DEFAULTS.put("seed", "42");
        DEFAULTS.put("sweep", "1,4,16,64");
        DEFAULTS.put("sweepEpochs", "2");
        DEFAULTS.put("scalingEpochs", "2");
        DEFAULTS.put("mllibIterations", "20");
        DEFAULTS.put("scoreRows", "1000000");
        DEFAULTS.put("parts", "neuronkit,score,sweep,trainer,mllib,scaling");
    }

    private final Map<String, String> options;
    private final List<String> report = new ArrayList<>();

    private FashionMnistSparkBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Map<String, String> options = Options.parse(args, DEFAULTS);
        new FashionMnistSparkBenchmark(options).run();
    }

    private void run() {
        Path dir = Path.of(options.get("data"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no Fashion-MNIST directory " + dir + " (option data=DIR)");
        }
        DataSet train = FashionMnist.train(dir);
        DataSet test = FashionMnist.test(dir);
        List<String> parts = List.of(options.get("parts").split(","));
        report.add("settings: " + options);

        SparkSession spark = session(2);
        Dataset<Row> trainFrame = frame(spark, train, 2);
        Dataset<Row> testFrame = frame(spark, test, 2);
        NeuronKitClassificationModel model = null;
        if (parts.contains("neuronkit")) {
            model = fitNeuronKit("NeuronKit local[2]", trainFrame, testFrame, intOption("h"), intOption("epochs"));
        }
        if (parts.contains("score") && model != null) {
            score(spark, model, test, intOption("scoreRows"));
        }
        if (parts.contains("sweep")) {
            for (String h : options.get("sweep").split(",")) {
                fitNeuronKit("NeuronKit local[2] H sweep", trainFrame, testFrame, Integer.parseInt(h.trim()), intOption("sweepEpochs"));
            }
        }
        if (parts.contains("scaling")) {
            fitNeuronKit("scaling local[2], 2 partitions", trainFrame, testFrame, intOption("h"), intOption("scalingEpochs"));
        }
        if (parts.contains("mllib")) {
            fitMllib(trainFrame, testFrame);
        }
        spark.stop();
        if (parts.contains("scaling")) {
            SparkSession single = session(1);
            fitNeuronKit("scaling local[1], 1 partition", frame(single, train, 1), frame(single, test, 1), intOption("h"),
                    intOption("scalingEpochs"));
            single.stop();
        }
        if (parts.contains("trainer")) {
            fitTrainer(train, test);
        }
        report.add("peak RSS (VmHWM of this JVM): " + peakRss());
        System.out.println("\n==== results ====");
        report.forEach(System.out::println);
    }

    /** local[cores], unless spark-submit gave a master (then the cluster's; the data is read by the driver only). */
    private static SparkSession session(int cores) {
        SparkSession.Builder builder = SparkSession.builder().appName("nn-spark-bench");
        if (System.getProperty("spark.master") == null) {
            builder.master("local[" + cores + "]").config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return builder.getOrCreate();
    }

    /**
     * The data set as a cached DataFrame (features = pixels / 255, label) in {@code partitions}
     * partitions; the rows are made on the executors from a broadcast copy of the arrays.
     */
    private static Dataset<Row> frame(SparkSession spark, DataSet data, int partitions) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<float[][]> pixels = jsc.broadcast(data.features().toFloatMatrix());
        Broadcast<int[]> labels = jsc.broadcast(data.labels());
        List<Integer> indices = IntStream.range(0, data.size()).boxed().toList();
        JavaRDD<Row> rows = jsc.parallelize(indices, partitions).map(i -> {
            float[] image = pixels.value()[i];
            double[] x = new double[image.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = image[j] / 255.0;
            }
            return RowFactory.create(Vectors.dense(x), (double) labels.value()[i]);
        });
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false).add("label", DataTypes.DoubleType, false);
        Dataset<Row> frame = spark.createDataFrame(rows, schema).cache();
        frame.count();
        pixels.unpersist();
        labels.unpersist();
        return frame;
    }

    private NeuronKitClassificationModel fitNeuronKit(String name, Dataset<Row> train, Dataset<Row> test, int h, int epochs) {
        NeuronKitClassifier classifier = new NeuronKitClassifier()
                .setLayers(Arrays.stream(hidden()).mapToObj(units -> (LayerSpec) new DenseSpec(units, "relu")).toArray(LayerSpec[]::new))
                .setOptimizer("adam").setLearningRate(doubleOption("lr")).setBatchSize(intOption("batch"))
                .setEpochs(epochs).setSeed(intOption("seed")).setLocalSteps(h);
        long start = System.nanoTime();
        NeuronKitClassificationModel model = classifier.fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = accuracy(model.transform(test));
        report.add(String.format(Locale.ROOT, "%s: H = %d, %d epochs, fit %.1f s, %.0f samples/s, test accuracy %.4f",
                name, h, epochs, seconds, train.count() * (double) epochs / seconds, accuracy));
        System.out.println(report.get(report.size() - 1));
        return model;
    }

    /**
     * Scores {@code rows} rows (the test images over and over, made on the executors) and writes the
     * result to Spark's no-op sink, so every row is computed and none reaches the driver; reports the
     * heap in use after a GC before and after (driver and executor share this local-mode JVM).
     */
    private void score(SparkSession spark, NeuronKitClassificationModel model, DataSet test, int rows) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<float[][]> pixels = jsc.broadcast(test.features().toFloatMatrix());
        JavaRDD<Row> input = jsc.parallelize(List.of(0, 1), 2).flatMap(part -> IntStream.range(0, rows / 2).mapToObj(i -> {
            float[] image = pixels.value()[(2 * i + part) % pixels.value().length];
            double[] x = new double[image.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = image[j] / 255.0;
            }
            return RowFactory.create(Vectors.dense(x));
        }).iterator());
        Dataset<Row> frame = spark.createDataFrame(input, new StructType().add("features", SQLDataTypes.VectorType(), false));
        long before = heapAfterGc();
        long start = System.nanoTime();
        model.transform(frame).write().format("noop").mode("overwrite").save();
        double seconds = (System.nanoTime() - start) / 1e9;
        long after = heapAfterGc();
        report.add(String.format(Locale.ROOT, "scoring %,d rows (noop sink): %.1f s, %.0f rows/s; heap after GC %d MiB before, %d MiB after",
                rows / 2 * 2, seconds, rows / seconds, before >> 20, after >> 20));
        System.out.println(report.get(report.size() - 1));
        pixels.unpersist();
    }

    private static long heapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private void fitMllib(Dataset<Row> train, Dataset<Row> test) {
        int[] layers = new int[hidden().length + 2];
        layers[0] = 784;
        System.arraycopy(hidden(), 0, layers, 1, hidden().length);
        layers[layers.length - 1] = 10;
        MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setLayers(layers)
                .setMaxIter(intOption("mllibIterations")).setBlockSize(128).setSeed(intOption("seed"));
        long start = System.nanoTime();
        var model = mlp.fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        report.add(String.format(Locale.ROOT, "MLlib MultilayerPerceptronClassifier local[2]: layers %s, l-bfgs, %d iterations, fit %.1f s, test accuracy %.4f",
                Arrays.toString(layers), intOption("mllibIterations"), seconds, accuracy(model.transform(test))));
        System.out.println(report.get(report.size() - 1));
    }

    /** The same network, optimizer, batch size, epochs and seed, trained by the single-machine Trainer on all cores. */
    private void fitTrainer(DataSet train, DataSet test) {
        Nd4j.factory().blas().setMaxThreads(Runtime.getRuntime().availableProcessors());
        DataSet scaledTrain = DataSet.ofClasses(train.features().div(255), train.labels(), 10);
        DataSet scaledTest = DataSet.ofClasses(test.features().div(255), test.labels(), 10);
        NetworkBuilder builder = Network.builder(784);
        for (int size : hidden()) {
            builder.dense(size, Activations.relu());
        }
        Network network = builder.output(10, Losses.softmaxCrossEntropy()).seed(intOption("seed")).build();
        long start = System.nanoTime();
        new Trainer(new Adam(doubleOption("lr")), intOption("batch"), intOption("epochs"), intOption("seed")).fit(network, scaledTrain, null);
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] predicted = network.predict(scaledTest.features());
        int[] labels = scaledTest.labels();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        report.add(String.format(Locale.ROOT, "single-machine Trainer.fit (same settings, %d epochs): fit %.1f s, test accuracy %.4f",
                intOption("epochs"), seconds, correct / (double) labels.length));
        System.out.println(report.get(report.size() - 1));
    }

    private static double accuracy(Dataset<Row> predictions) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predictions);
    }

    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private int[] hidden() {
        return Arrays.stream(options.get("hidden").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    private int intOption(String key) {
        return Integer.parseInt(options.get(key));
    }

    private double doubleOption(String key) {
        return Double.parseDouble(options.get(key));
    }
}
