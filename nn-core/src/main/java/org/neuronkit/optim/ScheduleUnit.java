package org.neuronkit.optim;

/**
 * How often a {@link LearningRateSchedule} is asked for the rate. Per epoch, t is the epoch (from 1)
 * and T the number of epochs; per step, t is the optimizer step counted over the whole run (from 1:
 * (epoch − 1) · B + the step in the epoch, with B batches per epoch) and T = epochs · B.
 */
public enum ScheduleUnit {
    EPOCH, STEP
}
