package org.neuronkit.optim;

/** {@link Nesterov}: v ← μv − α g, θ ← θ + μv − α g, with μ = {@code mu} in [0, 1). */
public record NesterovSpec(double lr, double mu) implements OptimizerSpec {
    public NesterovSpec {
        LearningRateOptimizer.checkedRate(lr);
        Momentum.checkedMomentum(mu);
    }

    @Override
    public NesterovSpec withLr(double lr) {
        return new NesterovSpec(lr, mu);
    }

    @Override
    public Optimizer create() {
        return new Nesterov(lr, mu);
    }

    @Override
    public String toString() {
        return "nesterov(lr=" + lr + ", mu=" + mu + ")";
    }
}
