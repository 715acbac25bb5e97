package org.neuronkit.train;

import java.util.Iterator;
import java.util.function.ToDoubleFunction;
import org.neuronkit.ConfigurationException;
import org.neuronkit.registry.Registry;

/**
 * A per-epoch measurement that early stopping and a plateau schedule can watch, read from an
 * {@link EpochResult}, with the direction in which it improves (the mode, min or max, follows from the
 * metric). Validation metrics come from {@link EpochResult#validation()}; by name in {@link #REGISTRY}.
 */
public enum Metric {
    VALIDATION_LOSS("validation-loss", "the validation set's risk (loss plus penalties)", false, Task.ANY, r -> r.validationLoss()),
    VALIDATION_ACCURACY("validation-accuracy", "the validation set's accuracy", true, Task.CLASSIFICATION, r -> r.validationAccuracy()),
    VALIDATION_F1("validation-f1", "the validation set's macro-averaged F1", true, Task.CLASSIFICATION, r -> r.validation().macroF1()),
    VALIDATION_RMSE("validation-rmse", "the validation set's root mean squared error", false, Task.REGRESSION, r -> r.validation().rmse()),
    VALIDATION_MAE("validation-mae", "the validation set's mean absolute error", false, Task.REGRESSION, r -> r.validation().mae()),
    VALIDATION_R2("validation-r2", "the validation set's coefficient of determination R²", true, Task.REGRESSION, r -> r.validation().r2()),
    TRAIN_LOSS("train-loss", "the epoch's mean training risk", false, Task.ANY, EpochResult::trainLoss),
    TRAIN_ACCURACY("train-accuracy", "the epoch's training accuracy", true, Task.CLASSIFICATION, EpochResult::trainAccuracy);

    /** Every metric by name (Keras' {@code val_loss}, {@code val_accuracy}, {@code loss} and {@code accuracy} as aliases). */
    public static final Registry<Metric> REGISTRY = registry();

    /** What kind of training a metric needs. */
    private enum Task { ANY, CLASSIFICATION, REGRESSION }

    private final String metricName;
    private final String description;
    private final boolean higherIsBetter;
    private final Task task;
    private final ToDoubleFunction<EpochResult> value;

    Metric(String metricName, String description, boolean higherIsBetter, Task task, ToDoubleFunction<EpochResult> value) {
        this.metricName = metricName;
        this.description = description;
        this.higherIsBetter = higherIsBetter;
        this.task = task;
        this.value = value;
    }

    private static Registry<Metric> registry() {
        Registry<Metric> registry = new Registry<>("metric");
        for (Metric m : values()) {
            registry.add(m.metricName, m.description + (m.higherIsBetter ? " (higher is better)" : " (lower is better)"),
                    args -> {
                        args.atMost(0);
                        return m;
                    });
        }
        return registry.alias("val_loss", "validation-loss").alias("val_accuracy", "validation-accuracy").alias("loss", "train-loss")
                .alias("accuracy", "train-accuracy");
    }

    /** The metric {@code name} names (any case), e.g. {@code validation-f1}; a ConfigurationException listing the known ones if none. */
    public static Metric parse(String name) {
        return REGISTRY.parse(name);
    }

    /** The name {@link #parse} reads, e.g. {@code validation-loss}. */
    public String metricName() {
        return metricName;
    }

    /** Whether larger values are better (accuracy, F1, R²: mode max) or smaller ones (losses, errors: mode min). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether it is measured on the validation set. */
    public boolean needsValidation() {
        return name().startsWith("VALIDATION");
    }

    /** Its value in {@code result}: NaN where it does not apply. */
    public double of(EpochResult result) {
        return needsValidation() && result.validation() == null ? Double.NaN : value.applyAsDouble(result);
    }

    /** Whether {@code value} beats {@code best} by more than {@code minDelta} ≥ 0 in this metric's direction. */
    public boolean improves(double value, double best, double minDelta) {
        return higherIsBetter ? value > best + minDelta : value < best - minDelta;
    }

    /** Whether a classification ({@code true}) or a regression measures it. */
    public boolean appliesTo(boolean classification) {
        return task == Task.ANY || (task == Task.CLASSIFICATION) == classification;
    }

    /**
     * Refuses, naming {@code user} (e.g. {@code early stopping}), a metric this training cannot measure: a
     * validation metric without a validation set, a classification metric for a regression or the reverse.
     */
    public void checkMeasurable(String user, boolean classification, boolean hasValidation) {
        if (needsValidation() && !hasValidation) {
            throw new ConfigurationException(user + " watches " + metricName + ", which needs a validation set");
        }
        if (!appliesTo(classification)) {
            throw new ConfigurationException(user + " watches " + metricName + ", which " + (classification ? "a classifier" : "a regression")
                    + " does not measure (it is for " + task.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    /** {@link #REGISTRY}'s names, as picocli {@code completionCandidates}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return REGISTRY.names().iterator();
        }
    }

    @Override
    public String toString() {
        return metricName;
    }
}
