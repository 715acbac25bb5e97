package org.neuronkit.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.data.DataSet;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.eval.RegressionErrors;
import org.neuronkit.network.Network;

/**
 * A network's measurements on a whole data set, computed in batches: the structural risk, and for a
 * classifier the accuracy and the macro-averaged F1 ({@link ConfusionMatrix#macroF1()}), for a regression
 * the RMSE, MAE and R² ({@link RegressionErrors}) of the outputs against the targets as the data set holds
 * them (standardised, where the trainer's caller standardised them). What does not apply is NaN.
 */
public record Evaluation(double risk, double accuracy, double macroF1, double rmse, double mae, double r2) {

    /** Risk and accuracy only (the other measurements NaN). */
    public Evaluation(double risk, double accuracy) {
        this(risk, accuracy, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** Evaluates {@code data} in batches of {@code batchSize} rows. */
    public static Evaluation of(Network network, DataSet data, int batchSize) {
        double weightedRisk = 0;
        long correct = 0;
        boolean classification = data.isClassification();
        CorrectCount correctCount = new CorrectCount();
        long[][] confusion = classification && network.outputSize() > 1 ? new long[network.outputSize()][network.outputSize()] : null;
        INDArray predictions = classification ? null : Nd4j.create(data.targets().dataType(), data.size(), data.targets().columns());
        for (int from = 0; from < data.size(); from += batchSize) {
            int to = Math.min(from + batchSize, data.size());
            INDArray x = data.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray y = data.targets().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            weightedRisk += network.risk(x, y) * (to - from);
            if (classification) {
                correct += correctCount.of(network.lastOutput(), y);
                if (confusion != null) {
                    add(confusion, ConfusionMatrix.of(network.lastOutput(), y).confusionMatrix());
                }
            } else {
                predictions.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(network.lastOutput());
            }
        }
        double risk = weightedRisk / data.size();
        if (classification) {
            return new Evaluation(risk, (double) correct / data.size(), confusion == null ? Double.NaN : ConfusionMatrix.ofCounts(confusion).macroF1(), Double.NaN,
                    Double.NaN, Double.NaN);
        }
        RegressionErrors errors = RegressionErrors.of(predictions, data.targets());
        return new Evaluation(risk, Double.NaN, Double.NaN, errors.rmse(), errors.mae(), errors.r2());
    }

    private static void add(long[][] total, long[][] counts) {
        for (int i = 0; i < total.length; i++) {
            for (int j = 0; j < total.length; j++) {
                total[i][j] += counts[i][j];
            }
        }
    }
}
