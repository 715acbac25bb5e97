package org.neuronkit.tune;

/**
 * What a study ranks trials by: a metric the {@link TrialRunner} reports after each rung (e.g.
 * {@code validation_accuracy}), and whether higher is better.
 */
public record Objective(String metric, boolean higherIsBetter) {
    /** Validation accuracy, higher is better. */
    public static Objective validationAccuracy() {
        return new Objective("validation_accuracy", true);
    }

    /** Validation loss, lower is better. */
    public static Objective validationLoss() {
        return new Objective("validation_loss", false);
    }
}
