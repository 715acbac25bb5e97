package org.neuronkit.train;

/** Hears a {@link Trainer}'s progress; every method does nothing by default. */
public interface TrainingListener {

    /** Before the first epoch. */
    default void onStart(TrainingPlan plan) {
    }

    /**
     * After the forward and backward pass of a step and before its optimizer update: the network's
     * gradients and its layers' δ are those of this step's batch, and the parameters are not yet
     * updated (an optimizer may overwrite the gradient buffer during its update).
     */
    default void beforeUpdate(int epoch, int step) {
    }

    /** After each optimizer step; {@code step} counts from 1 within the epoch. */
    default void onStep(int epoch, int step, double batchRisk, int batchSize) {
    }

    /** After each epoch, with its measurements. */
    default void onEpoch(EpochResult result) {
    }

    /** After the last epoch. */
    default void onEnd(TrainingReport report) {
    }

    /**
     * Whether this listener needs {@link #beforeUpdate} and {@link #onStep} to work: a
     * {@link TrainingDevice} makes no per-step callbacks, so a trainer with a device refuses such a
     * listener by its class name. False by default (a listener that only counts or displays steps
     * does without them).
     */
    default boolean needsSteps() {
        return false;
    }
}
