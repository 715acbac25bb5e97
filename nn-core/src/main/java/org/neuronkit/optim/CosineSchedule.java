package org.neuronkit.optim;

/** α₀ · ½ (1 + cos(π (e − 1) / E)). */
public record CosineSchedule() implements LearningRateSchedule {
    @Override
    public double rate(double base, int epoch, int epochs) {
        return base * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
    }

    @Override
    public String spec() {
        return "cosine";
    }

    /** The spec string, {@link #spec()}. */
    @Override
    public String toString() {
        return spec();
    }
}
