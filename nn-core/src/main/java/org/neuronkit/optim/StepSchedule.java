package org.neuronkit.optim;

import org.neuronkit.ConfigurationException;

/** α₀ γ^⌊(e − 1) / every⌋. */
public record StepSchedule(int every, double gamma) implements LearningRateSchedule {
    public StepSchedule {
        if (every <= 0) {
            throw new ConfigurationException("the step schedule's period must be positive, got " + every);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new ConfigurationException("the step schedule's factor γ must be in (0, 1], got " + gamma);
        }
    }

    @Override
    public double rate(double base, int epoch, int epochs) {
        return base * Math.pow(gamma, (epoch - 1) / every);
    }

    @Override
    public String spec() {
        return "step(" + every + "," + gamma + ")";
    }

    /** The spec string, {@link #spec()}. */
    @Override
    public String toString() {
        return spec();
    }
}
