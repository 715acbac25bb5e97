package org.neuronkit.optim;

import org.neuronkit.ConfigurationException;

/**
 * How an optimizer's learning rate moves during a run, as plain data: the {@link LearningRateSchedule},
 * how often it is asked ({@link ScheduleUnit}), and a linear warm-up over the first {@code warmup} epochs
 * in front of it. Part of the optimizer's configuration ({@link Optimizer#schedule()}), so a checkpoint
 * stores it with the optimizer's {@link OptimizerSpec} and a device computes each step's rate from it
 * with {@link #rate}, the one definition of the rate.
 *
 * @param schedule the rate as a function of the base rate, the unit t and the run's units T
 * @param unit per epoch (t = epoch e, T = epochs E) or per step (t = (e − 1) · B + s, T = E · B with B
 *        steps per epoch and s the step in the epoch, from 1)
 * @param warmup epochs of linear warm-up (0: none): α_t = α₀ t / W for t ≤ W, W = warmup per epoch and
 *        warmup · B per step, then {@code schedule} over the remaining T − W ({@link WarmupSchedule})
 */
public record RateSchedule(LearningRateSchedule schedule, ScheduleUnit unit, int warmup) {
    /** A constant rate, asked per epoch, no warm-up. */
    public static final RateSchedule CONSTANT = new RateSchedule(LearningRateSchedule.constant(), ScheduleUnit.EPOCH, 0);

    public RateSchedule {
        if (schedule == null || unit == null) {
            throw new ConfigurationException("a rate schedule needs a schedule and a unit, got " + schedule + " per " + unit);
        }
        if (warmup < 0) {
            throw new ConfigurationException("the warm-up must be ≥ 0 epochs, got " + warmup);
        }
    }

    /**
     * α for step {@code step} (from 1) of epoch {@code epoch} (from 1) of a run of {@code epochs}
     * epochs of {@code stepsPerEpoch} steps, from the base rate {@code base}. Allocates nothing.
     */
    public double rate(double base, int epoch, int step, int stepsPerEpoch, int epochs) {
        boolean perStep = unit == ScheduleUnit.STEP;
        int t = perStep ? (epoch - 1) * stepsPerEpoch + step : epoch;
        int total = perStep ? epochs * stepsPerEpoch : epochs;
        int units = perStep ? warmup * stepsPerEpoch : warmup;
        return warmup == 0 ? schedule.rate(base, t, total) : WarmupSchedule.rate(units, schedule, base, t, total);
    }

    /** The same after epoch {@code result.epoch()}: {@link LearningRateSchedule#afterEpoch} (itself for a schedule of the epoch alone). */
    public RateSchedule afterEpoch(org.neuronkit.train.EpochResult result) {
        LearningRateSchedule next = schedule.afterEpoch(result);
        return next == schedule ? this : withSchedule(next);
    }

    /** The same with {@code schedule}. */
    public RateSchedule withSchedule(LearningRateSchedule schedule) {
        return new RateSchedule(schedule, unit, warmup);
    }

    /** The same, asked per {@code unit}. */
    public RateSchedule withUnit(ScheduleUnit unit) {
        return new RateSchedule(schedule, unit, warmup);
    }

    /** The same with a warm-up of {@code epochs} epochs (0: none). */
    public RateSchedule withWarmup(int epochs) {
        return new RateSchedule(schedule, unit, epochs);
    }

    /** E.g. {@code cosine per step after 1 warm-up epoch}. */
    @Override
    public String toString() {
        return schedule.spec() + " per " + unit.name().toLowerCase(java.util.Locale.ROOT)
                + (warmup == 0 ? "" : " after " + warmup + " warm-up epoch" + (warmup == 1 ? "" : "s"));
    }
}
