package org.neuronkit.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What a fit did, epoch by epoch, as Spark's {@code LogisticRegressionTrainingSummary} reports its
 * objective history: each epoch's learning rate, mean training risk, validation risk and validation
 * metric (NaN without a validation set), and seconds; the epoch whose weights the model holds; and
 * whether early stopping ended the fit before its last epoch. Kept with the fitted model in memory
 * (a saved and loaded model has none, as with Spark's own summaries).
 *
 * @param metricName the validation metric: {@code accuracy} for a classifier, {@code rmse} (in the
 *     label's units) for a regressor
 * @param epochs one entry per epoch run, resumed epochs included
 * @param bestEpoch the epoch (from 1) whose weights the model holds: the one with the lowest
 *     validation risk when there is a validation set, else the last
 * @param stoppedEarly whether early stopping ended the fit before {@code epochs}
 * @param resumedAfter the epoch of the checkpoint the fit resumed from (0 for a fresh fit)
 */
public record NeuronKitTrainingSummary(String metricName, List<Epoch> epochs, int bestEpoch, boolean stoppedEarly,
                                       int resumedAfter) implements Serializable {

    /** One epoch: its number (from 1), α, the mean training risk, the validation risk and metric, and seconds. */
    public record Epoch(int epoch, double learningRate, double trainingLoss, double validationLoss, double validationMetric,
                        double seconds) implements Serializable {
    }

    public NeuronKitTrainingSummary {
        epochs = List.copyOf(epochs);
    }

    /** The number of epochs run. */
    public int totalIterations() {
        return epochs.size();
    }

    /** The mean training risk of each epoch (Spark's name for it). */
    public double[] objectiveHistory() {
        return epochs.stream().mapToDouble(Epoch::trainingLoss).toArray();
    }

    /** The validation risk of each epoch (NaN without a validation set). */
    public double[] validationLossHistory() {
        return epochs.stream().mapToDouble(Epoch::validationLoss).toArray();
    }

    /** The validation metric ({@link #metricName()}) of each epoch. */
    public double[] validationMetricHistory() {
        return epochs.stream().mapToDouble(Epoch::validationMetric).toArray();
    }
}
