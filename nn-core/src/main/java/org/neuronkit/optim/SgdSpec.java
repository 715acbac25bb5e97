package org.neuronkit.optim;

/** {@link Sgd}: θ ← θ − α g. */
public record SgdSpec(double lr) implements OptimizerSpec {
    public SgdSpec {
        LearningRateOptimizer.checkedRate(lr);
    }

    @Override
    public SgdSpec withLr(double lr) {
        return new SgdSpec(lr);
    }

    @Override
    public Optimizer create() {
        return new Sgd(lr);
    }

    @Override
    public String toString() {
        return "sgd(lr=" + lr + ")";
    }
}
