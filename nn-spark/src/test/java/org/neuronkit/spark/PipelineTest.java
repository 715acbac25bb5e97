package org.neuronkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.BatchNormSpec;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.DropoutSpec;

/** Fit, save, load and transform inside a Pipeline; the stored network is a plain NeuronKit model file. */
class PipelineTest {
    private static final int WIDTH = 6;

    @Test
    void pipelineSavedAndLoadedPredictsLikeTheFittedModel(@TempDir Path dir) throws IOException {
        Dataset<Row> train = SparkTests.frame(SparkTests.blobs(400, WIDTH, 3, 11), 2);
        Dataset<Row> test = SparkTests.frame(SparkTests.blobs(150, WIDTH, 3, 12), 2);
        NeuronKitClassifier classifier = new NeuronKitClassifier().setLayers(new DenseSpec(16, "relu"), new DropoutSpec(0.1, null)).setEpochs(5).setBatchSize(32)
                .setLearningRate(0.01).setLocalSteps(2).setPredictionCol("class");
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {classifier}).fit(train);
        List<Row> before = fitted.transform(test).select("class", "probability", "features", "label").collectAsList();

        double accuracy = new MulticlassClassificationEvaluator().setPredictionCol("class").setMetricName("accuracy")
                .evaluate(fitted.transform(test));
        assertTrue(accuracy > 0.9, "test accuracy " + accuracy);

        String path = dir.resolve("pipeline").toString();
        fitted.write().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        List<Row> after = loaded.transform(test).select("class", "probability", "features", "label").collectAsList();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).getDouble(0), after.get(i).getDouble(0), "prediction of row " + i);
            assertArrayEquals(((Vector) before.get(i).get(1)).toArray(), ((Vector) after.get(i).get(1)).toArray(), "probabilities of row " + i);
        }
        NeuronKitClassificationModel stage = (NeuronKitClassificationModel) loaded.stages()[0];
        assertEquals("class", stage.getPredictionCol());
        assertEquals(3, stage.numClasses());

        // the stored network is an ordinary model file: ModelFile.load predicts the same classes
        Path modelFile;
        try (Stream<Path> files = Files.walk(dir)) {
            modelFile = files.filter(f -> f.getFileName().toString().equals("model.safetensors")).findFirst().orElseThrow();
        }
        INDArray x = Nd4j.create(DataType.FLOAT, before.size(), WIDTH);
        for (int i = 0; i < before.size(); i++) {
            double[] features = ((Vector) before.get(i).get(2)).toArray();
            for (int j = 0; j < WIDTH; j++) {
                x.putScalar(i, j, features[j]);
            }
        }
        int[] classes = ModelFile.load(modelFile).predict(x);
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).getDouble(0), classes[i], "ModelFile prediction of row " + i);
        }

        // saving again over it is refused, and the saved pipeline is left as it was
        assertThrows(IOException.class, () -> fitted.write().save(path));
        assertEquals(3, PipelineModel.load(path).transform(test).select("probability").first().<Vector>getAs(0).size());
    }

    @Test
    void unfittedEstimatorKeepsItsParamsThroughSaveAndLoad(@TempDir Path dir) throws IOException {
        SparkTests.spark();
        NeuronKitClassifier classifier = new NeuronKitClassifier().setLayers(new DenseSpec(32, "leakyrelu(0.02)"), new BatchNormSpec(), new DenseSpec(16, "tanh"))
                .setOptimizer("adamw(wd=0.001)").setSchedule("warmup(2,cosine)").setClassWeights("balanced")
                .setLocalSteps(4).setSeed(99).setL2(1e-4).setFeaturesCol("pixels");
        String path = dir.resolve("estimator").toString();
        new Pipeline().setStages(new PipelineStage[] {classifier}).write().save(path);
        NeuronKitClassifier loaded = (NeuronKitClassifier) Pipeline.load(path).getStages()[0];
        assertEquals(LayerList.parse(classifier.getOrDefault(classifier.layers())), LayerList.parse(loaded.getOrDefault(loaded.layers())));
        assertEquals(List.of(new DenseSpec(32, "leakyrelu(0.02)"), new BatchNormSpec(), new DenseSpec(16, "tanh")),
                LayerList.parse(loaded.getOrDefault(loaded.layers())));
        assertEquals("adamw(wd=0.001)", loaded.getOrDefault(loaded.optimizer()));
        assertEquals("warmup(2,cosine)", loaded.getOrDefault(loaded.schedule()));
        assertEquals("balanced", loaded.getOrDefault(loaded.classWeights()));
        assertEquals(4, (int) (Integer) loaded.getOrDefault(loaded.localSteps()));
        assertEquals(99L, (long) (Long) loaded.getOrDefault(loaded.seed()));
        assertEquals(1e-4, (double) (Double) loaded.getOrDefault(loaded.l2()));
        assertEquals("pixels", loaded.getFeaturesCol());
        assertEquals(classifier.uid(), loaded.uid());
    }
}
