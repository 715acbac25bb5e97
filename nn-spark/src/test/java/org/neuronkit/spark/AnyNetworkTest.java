package org.neuronkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.layer.BatchNormSpec;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.DropoutSpec;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.MaxoutSpec;
import org.neuronkit.layer.OutputSpec;
import org.neuronkit.network.Network;

/**
 * The network is exactly the one the {@code layers} specs describe, with any registry optimizer,
 * schedule and class weights; unknown names are refused with the registry's message before any Spark
 * job (the data here fails any job); barrier rounds give the same model; scoring loads one
 * {@link org.neuronkit.serve.Predictor} per JVM, not one network per partition.
 */
class AnyNetworkTest {
    private static final int WIDTH = 6;

    /** A DataFrame whose rows throw if any job ever computes them. */
    private static Dataset<Row> untouchable() {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext());
        StructType schema = SparkTests.SCHEMA;
        return SparkTests.spark().createDataFrame(jsc.parallelize(List.of(1, 2), 2).map(i -> {
            throw new IllegalStateException("a Spark job ran");
        }), schema);
    }

    private static String refusal(NeuronKitClassifier classifier) {
        return assertThrows(ConfigurationException.class, () -> classifier.fit(untouchable())).getMessage();
    }

    @Test
    void unknownNamesAreRefusedByTheirRegistryBeforeAnyJob() {
        assertTrue(refusal(new NeuronKitClassifier().setOptimizer("adamax")).startsWith("unknown optimizer 'adamax'; known: sgd, momentum(mu=0.9), adam("));
        assertTrue(refusal(new NeuronKitClassifier().setSchedule("linear")).startsWith("unknown learning-rate schedule 'linear'; known: constant, cosine,"));
        assertTrue(refusal(new NeuronKitClassifier().setLayers("[{\"type\":\"conv\",\"units\":3}]"))
                .startsWith("unknown layer 'conv'; known: dense(activation), maxout(pieces), dropout, batchnorm, output"));
        assertTrue(refusal(new NeuronKitClassifier().setLayers(new DenseSpec(8, "relu6"))).contains("unknown activation 'relu6'; known:"));
        assertTrue(refusal(new NeuronKitClassifier().setLayers(new DenseSpec(8, "relu"), new OutputSpec(3, "softmax-cross-entropy")))
                .startsWith("layers: layer 2 is an output layer; list the hidden layers only"));
        assertTrue(refusal(new NeuronKitClassifier().setClassWeights("1,heavy"))
                .startsWith("class weights '1,heavy': weight 1 'heavy' is not a number"));
        assertTrue(refusal(new NeuronKitClassifier().setLayers("{\"type\":\"dense\"}")).startsWith("layers: expected a JSON list of layer specs"));
        String missing = refusal(new NeuronKitClassifier().setLayers("[{\"type\":\"dense\",\"units\":8}]"));
        assertTrue(missing.startsWith("layers: Missing creator property 'activation'"), "read as model files read layer specs: " + missing);
    }

    @Test
    void trainsExactlyTheNetworkTheSpecsDescribe() {
        List<LayerSpec> hidden = List.of(new DenseSpec(16, "elu(1.0)"), new BatchNormSpec(), new DropoutSpec(0.1, null), new MaxoutSpec(8, 3));
        Dataset<Row> train = SparkTests.frame(SparkTests.blobs(300, WIDTH, 3, 51), 2);
        NeuronKitClassificationModel model = new NeuronKitClassifier().setLayers(hidden.toArray(LayerSpec[]::new))
                .setOptimizer("nesterov(mu=0.8)").setLearningRate(0.05).setSchedule("step(2,0.5)").setClassWeights("balanced")
                .setL1(1e-5).setBatchSize(30).setEpochs(4).fit(train);
        try (Network network = model.network()) {
            List<LayerSpec> specs = network.specs();
            assertEquals(hidden.size() + 1, specs.size());
            for (int l = 0; l < hidden.size(); l++) {
                LayerSpec expected = hidden.get(l);
                LayerSpec actual = specs.get(l);
                // a dropout layer whose seed the spec left to the network records the seed it derived
                assertEquals(expected instanceof DropoutSpec d ? d.rate() : expected, actual instanceof DropoutSpec d ? d.rate() : actual,
                        "layer " + (l + 1));
            }
            assertEquals(new OutputSpec(3, "softmax-cross-entropy(1.0,1.0,1.0)"), specs.get(hidden.size()));
            // batch norm's running mean was learnt from the partitions' training passes (H = 1), not left at 0
            double runningMean = ((org.neuronkit.layer.BatchNorm) network.layers().get(1)).runningMean().amaxNumber().doubleValue();
            assertTrue(runningMean > 0.05, "largest |running mean| " + runningMean);
        }
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(SparkTests.frame(SparkTests.blobs(90, WIDTH, 3, 52), 2)));
        assertTrue(accuracy > 0.9, "test accuracy " + accuracy);
        double[] rates = model.summary().epochs().stream().mapToDouble(NeuronKitTrainingSummary.Epoch::learningRate).toArray();
        assertEquals(List.of(0.05, 0.05, 0.025, 0.025), java.util.Arrays.stream(rates).boxed().toList(), "step(2,0.5) per epoch");
    }

    @Test
    void barrierRoundsGiveTheSameModel() throws Exception {
        Dataset<Row> train = SparkTests.frame(SparkTests.blobs(120, WIDTH, 2, 53), 2);
        NeuronKitClassifier classifier = new NeuronKitClassifier().setLayers(new DenseSpec(8, "tanh")).setBatchSize(24).setEpochs(2);
        AtomicBoolean barrierStage = new AtomicBoolean();
        SparkListener listener = new SparkListener() {
            @Override
            public void onStageCompleted(SparkListenerStageCompleted stage) {
                if (stage.stageInfo().rddInfos().exists(rdd -> rdd.isBarrier())) {
                    barrierStage.set(true);
                }
            }
        };
        SparkTests.spark().sparkContext().addSparkListener(listener);
        try (Network plain = classifier.fit(train).network();
             Network barrier = classifier.copy(new org.apache.spark.ml.param.ParamMap()).setUseBarrierExecutionMode(true).fit(train).network()) {
            SparkTests.spark().sparkContext().listenerBus().waitUntilEmpty();
            assertTrue(barrierStage.get(), "no barrier stage ran");
            double gap = plain.parameters().sub(barrier.parameters()).amaxNumber().doubleValue();
            assertTrue(gap < 1e-6, "largest parameter difference between barrier and tree-aggregate rounds: " + gap);
        } finally {
            SparkTests.spark().sparkContext().removeSparkListener(listener);
        }
    }

    @Test
    void scoringLoadsOnePredictorPerJvmAndPredictsSingleRows() {
        NeuronKitClassificationModel model = new NeuronKitClassifier().setLayers(new DenseSpec(8, "relu")).setEpochs(1)
                .fit(SparkTests.frame(SparkTests.blobs(60, WIDTH, 2, 54), 2));
        long loads = ExecutorPredictors.loads();
        List<Row> rows = SparkTests.blobs(400, WIDTH, 2, 55);
        List<Row> scored = model.transform(SparkTests.frame(rows, 8)).select("features", "prediction", "probability").collectAsList();
        assertEquals(loads, ExecutorPredictors.loads(), "8 partitions scored without loading the model again");
        List<Double> single = new ArrayList<>();
        for (Row row : scored) {
            single.add(model.predict((Vector) row.get(0)));
            // one row goes through a matrix-vector product, a partition's rows through a matrix product: float rounding apart
            assertEquals(((Vector) row.get(2)).apply(1), model.predictProbability((Vector) row.get(0)).apply(1), 1e-6);
        }
        assertEquals(scored.stream().map(r -> r.getDouble(1)).toList(), single);
    }
}
