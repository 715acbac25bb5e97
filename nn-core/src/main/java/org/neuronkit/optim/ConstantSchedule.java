package org.neuronkit.optim;

/** The same rate every epoch. */
public record ConstantSchedule() implements LearningRateSchedule {
    @Override
    public double rate(double base, int epoch, int epochs) {
        return base;
    }

    @Override
    public String spec() {
        return "constant";
    }

    /** The spec string, {@link #spec()}. */
    @Override
    public String toString() {
        return spec();
    }
}
