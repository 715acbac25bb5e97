package org.neuronkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.DenseSpec;

/**
 * {@link NeuronKitRegressor} on the bundled diabetes set (442 patients, 10 raw features, progression
 * 25–346), behind MLlib's {@link StandardScaler} in a Pipeline, against MLlib's {@link LinearRegression}
 * on the same split, both scored by {@link RegressionEvaluator}.
 */
class RegressorTest {

    /** Diabetes rows; every 4th row (i % 4 == 3) is a test row when {@code test}, the others training rows. */
    private static Dataset<Row> diabetes(boolean test) {
        DataSet data = BundledDatasets.diabetes().data();
        INDArray x = data.features();
        INDArray y = data.targets();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) {
            if ((i % 4 == 3) == test) {
                rows.add(RowFactory.create(Vectors.dense(x.getRow(i).toDoubleVector()), y.getDouble(i, 0)));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext());
        return SparkTests.spark().createDataFrame(jsc.parallelize(rows, 2), SparkTests.SCHEMA);
    }

    private static double r2(PipelineModel model, Dataset<Row> test) {
        return new RegressionEvaluator().setMetricName("r2").evaluate(model.transform(test));
    }

    private static PipelineModel scaledFit(PipelineStage regressor, Dataset<Row> train) {
        StandardScaler scaler = new StandardScaler().setInputCol("features").setOutputCol("scaled").setWithMean(true).setWithStd(true);
        return new Pipeline().setStages(new PipelineStage[] {scaler, regressor}).fit(train);
    }

    @Test
    void beatsOrEqualsLinearRegressionOnDiabetes() {
        Dataset<Row> train = diabetes(false);
        Dataset<Row> test = diabetes(true);
        double linear = r2(scaledFit(new LinearRegression().setFeaturesCol("scaled"), train), test);

        NeuronKitRegressor regressor = new NeuronKitRegressor().setFeaturesCol("scaled").setLayers(new DenseSpec(8, "tanh"))
                .setOptimizer("adam").setLearningRate(0.003).setL2(1e-2).setBatchSize(32).setEpochs(60).setLocalSteps(4).setSeed(3);
        PipelineModel fitted = scaledFit(regressor, train);
        double network = r2(fitted, test);
        System.out.printf("diabetes test R²: NeuronKitRegressor %.4f, LinearRegression %.4f%n", network, linear);
        assertTrue(linear > 0.3, "LinearRegression's R² " + linear);
        assertTrue(network >= linear, "NeuronKitRegressor's R² " + network + " is below LinearRegression's " + linear);

        // the scaling is the model's: predictions come back in the label's units, and predict(Vector) agrees with transform
        NeuronKitRegressionModel model = (NeuronKitRegressionModel) fitted.stages()[1];
        double mean = train.selectExpr("avg(label)").first().getDouble(0);
        ModelFile.Model file = ModelBytes.load(model.modelFile());
        assertEquals(mean, file.targetScaling().params().get("shift").getDouble(0), 1e-3);
        Row first = fitted.transform(test).select("scaled", "prediction").first();
        // one row goes through a matrix-vector product, a partition's rows through a matrix product: float rounding apart
        assertEquals(first.getDouble(1), model.predict((Vector) first.get(0)), 1e-6 * Math.abs(first.getDouble(1)));
        // the model file alone predicts in the label's units, as neuronkit predict and Predictor read it
        try (INDArray x = Nd4j.create(new float[][] {toFloats((Vector) first.get(0))}); INDArray y = file.output(x)) {
            assertEquals(first.getDouble(1), y.getDouble(0, 0), 1e-6 * Math.abs(first.getDouble(1)));
        } finally {
            file.network().close();
        }
    }

    @Test
    void huberAndMaeTrainAndSavedModelsPredictTheSame(@TempDir Path dir) throws IOException {
        Dataset<Row> train = diabetes(false);
        Dataset<Row> test = diabetes(true);
        for (String loss : new String[] {"huber(1.0)", "mae"}) {
            NeuronKitRegressor regressor = new NeuronKitRegressor().setFeaturesCol("scaled").setLayers(new DenseSpec(8, "tanh"))
                    .setLoss(loss).setLearningRate(0.01).setL2(1e-2).setBatchSize(32).setEpochs(20).setLocalSteps(4);
            PipelineModel fitted = scaledFit(regressor, train);
            double r2 = r2(fitted, test);
            assertTrue(r2 > 0.3, loss + ": test R² " + r2);
            String path = dir.resolve(loss.replaceAll("\\W", "")).toString();
            fitted.write().save(path);
            List<Row> before = fitted.transform(test).select("prediction").collectAsList();
            List<Row> after = PipelineModel.load(path).transform(test).select("prediction").collectAsList();
            assertEquals(before, after, loss + ": the loaded model predicts what the fitted one did");
        }
    }

    @Test
    void classifierLossIsRefusedBeforeAnyJob() {
        String message = assertThrows(ConfigurationException.class,
                () -> new NeuronKitRegressor().setLoss("softmax-cross-entropy").fit(diabetes(true))).getMessage();
        assertTrue(message.startsWith("loss 'softmax-cross-entropy' is a classifier's; NeuronKitRegressor takes squared-error(activation), "
                + "huber(δ,activation), mae(activation)"), message);
    }

    private static float[] toFloats(Vector vector) {
        double[] values = vector.toArray();
        float[] out = new float[values.length];
        for (int j = 0; j < values.length; j++) {
            out[j] = (float) values[j];
        }
        return out;
    }
}
