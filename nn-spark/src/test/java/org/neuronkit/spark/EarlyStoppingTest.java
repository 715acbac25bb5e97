package org.neuronkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.network.Network;

/**
 * Early stopping (nn-core's {@link org.neuronkit.train.EarlyStopping}) on a {@code validationIndicatorCol}: 40 training rows with 35 % of their labels
 * flipped, which a wide network memorises, against 200 clean validation rows, so the validation risk
 * falls and then rises. The fit stops {@code patience} epochs after the best one and the model holds
 * the best epoch's weights: its validation risk, computed here independently, is the history's minimum.
 */
class EarlyStoppingTest {
    private static final int WIDTH = 5;

    private static Dataset<Row> trainingAndValidation() {
        Random random = new Random(5);
        List<Row> rows = new ArrayList<>();
        List<Row> training = SparkTests.blobs(40, WIDTH, 2, 31);
        for (Row row : training) {
            double label = random.nextDouble() < 0.35 ? 1 - row.getDouble(1) : row.getDouble(1);
            rows.add(RowFactory.create(row.get(0), label, false));
        }
        for (Row row : SparkTests.blobs(200, WIDTH, 2, 32)) {
            rows.add(RowFactory.create(row.get(0), row.get(1), true));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext());
        return SparkTests.spark().createDataFrame(jsc.parallelize(rows, 2), SparkTests.SCHEMA.add("isVal", DataTypes.BooleanType));
    }

    @Test
    void stopsAfterPatienceAndKeepsTheBestEpochsWeights() {
        Dataset<Row> data = trainingAndValidation();
        int patience = 3;
        NeuronKitClassificationModel model = new NeuronKitClassifier().setLayers(new DenseSpec(128, "relu"), new DenseSpec(128, "relu"))
                .setLearningRate(0.02).setBatchSize(8).setEpochs(60).setValidationIndicatorCol("isVal").setPatience(patience).fit(data);

        NeuronKitTrainingSummary summary = model.summary();
        double[] losses = summary.validationLossHistory();
        int best = summary.bestEpoch();
        System.out.println("validation risk per epoch: " + java.util.Arrays.toString(losses) + ", best epoch " + best);
        assertTrue(summary.stoppedEarly(), "the fit ran all " + losses.length + " epochs");
        assertTrue(best > 1, "the validation risk never fell: best epoch " + best);
        assertEquals(best + patience, summary.totalIterations(), "stopped " + patience + " epochs after the best");
        for (int e = 0; e < losses.length; e++) {
            assertTrue(losses[e] >= losses[best - 1], "epoch " + (e + 1) + " has a lower validation risk than the best");
        }
        assertTrue(losses[losses.length - 1] > losses[best - 1], "the validation risk got worse after the best epoch");
        assertEquals(summary.totalIterations(), summary.objectiveHistory().length);
        assertEquals("accuracy", summary.metricName());

        // the model's weights are the best epoch's: its validation risk is the history's minimum
        List<Row> validation = data.filter("isVal").collectAsList();
        INDArray x = Nd4j.create(DataType.FLOAT, validation.size(), WIDTH);
        INDArray y = Nd4j.zeros(DataType.FLOAT, validation.size(), 2);
        for (int i = 0; i < validation.size(); i++) {
            double[] features = ((Vector) validation.get(i).get(0)).toArray();
            for (int j = 0; j < WIDTH; j++) {
                x.putScalar(i, j, features[j]);
            }
            y.putScalar(i, (int) validation.get(i).getDouble(1), 1);
        }
        try (Network network = model.network()) {
            assertEquals(losses[best - 1], network.risk(x, y), 1e-5, "validation risk of the model's weights");
        }
    }

    /**
     * Early stopping on the accuracy with a plateau schedule: the fit stops {@code patience} epochs after the
     * first most accurate epoch, and each epoch's rate is the one PyTorch's rule gives from the validation
     * risks before it (min mode, rel threshold 1e-4, patience 1, factor ½).
     */
    @Test
    void watchesTheAccuracyAndHalvesTheRateOnAPlateau() {
        int patience = 2;
        NeuronKitTrainingSummary summary = new NeuronKitClassifier().setLayers(new DenseSpec(128, "relu"), new DenseSpec(128, "relu"))
                .setLearningRate(0.02).setBatchSize(8).setEpochs(60).setValidationIndicatorCol("isVal").setPatience(patience)
                .setEarlyStopMetric("validation-accuracy").setSchedule("plateau(factor=0.5,patience=1)").fit(trainingAndValidation()).summary();
        double[] accuracy = summary.validationMetricHistory();
        int best = 1;
        for (int e = 1; e <= accuracy.length; e++) {
            best = accuracy[e - 1] > accuracy[best - 1] ? e : best;
        }
        assertEquals(best, summary.bestEpoch());
        assertEquals(best + patience, summary.totalIterations());
        double rate = 0.02;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bad = 0;
        for (NeuronKitTrainingSummary.Epoch epoch : summary.epochs()) {
            assertEquals(rate, epoch.learningRate(), 1e-15, "epoch " + epoch.epoch());
            if (epoch.validationLoss() < bestLoss * (1 - 1e-4)) {
                bestLoss = epoch.validationLoss();
                bad = 0;
            } else if (++bad > 1) {
                rate *= 0.5;
                bad = 0;
            }
        }
        assertTrue(rate < 0.02, "the rate was reduced");
    }

    @Test
    void aMetricSparkDoesNotMeasureIsRefusedByName() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new NeuronKitClassifier().setEpochs(2)
                .setValidationIndicatorCol("isVal").setEarlyStopMetric("validation-f1").fit(trainingAndValidation()));
        assertEquals("early stopping watches validation-f1, which nn-spark does not measure (it measures validation-loss, "
                + "validation-accuracy, validation-rmse, train-loss)", e.getMessage());
    }
}
