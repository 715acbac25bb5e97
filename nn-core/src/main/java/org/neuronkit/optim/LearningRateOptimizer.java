package org.neuronkit.optim;

import org.neuronkit.ConfigurationException;

/**
 * What every optimizer has: a base learning rate α₀ (its {@link OptimizerSpec#lr()}), the
 * {@link RateSchedule} that scales it, and the current rate α, which must stay finite and positive.
 */
abstract class LearningRateOptimizer implements Optimizer {
    private final double baseRate;
    private RateSchedule schedule = RateSchedule.CONSTANT;
    private double learningRate;

    LearningRateOptimizer(double learningRate) {
        this.baseRate = checkedRate(learningRate);
        this.learningRate = baseRate;
    }

    /** α itself, if finite and &gt; 0; else a ConfigurationException. */
    static double checkedRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new ConfigurationException("the learning rate must be a finite number > 0, got " + learningRate);
        }
        return learningRate;
    }

    /** α₀, as the spec gives it. */
    final double baseRate() {
        return baseRate;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = checkedRate(learningRate);
    }

    @Override
    public final RateSchedule schedule() {
        return schedule;
    }

    @Override
    public final void setSchedule(RateSchedule schedule) {
        if (schedule == null) {
            throw new ConfigurationException("an optimizer needs a rate schedule (RateSchedule.CONSTANT for none)");
        }
        this.schedule = schedule;
    }

    @Override
    public final void startStep(int epoch, int step, int stepsPerEpoch, int epochs) {
        setLearningRate(schedule.rate(baseRate, epoch, step, stepsPerEpoch, epochs));
    }
}
