package org.neuronkit.train;

/**
 * What the {@link Trainer} does with a minibatch whose loss or gradient is NaN or infinite.
 * <ul>
 *   <li>{@link #STOP} (the default): training stops with a {@link org.neuronkit.NumericalException}
 *       naming the epoch, the step and the first layer whose values went bad; the parameters keep
 *       their values from before that step.</li>
 *   <li>{@link #SKIP}: the batch is dropped (no update; its loss is left out of the epoch's mean) and
 *       counted in {@link EpochResult#skippedBatches()}.</li>
 *   <li>{@link #CLIP}: the gradient's non-finite entries are set to 0, then the gradient is clipped as
 *       the trainer's {@link GradientClipping} says, and the update goes ahead. A batch whose loss itself
 *       is non-finite has no loss to report and is skipped and counted as under {@link #SKIP}.</li>
 * </ul>
 * Under SKIP and CLIP an epoch in which every batch was skipped stops training with a
 * {@link org.neuronkit.NumericalException}: nothing is ever trained on NaN.
 */
public enum NonFinitePolicy {
    STOP, SKIP, CLIP
}
