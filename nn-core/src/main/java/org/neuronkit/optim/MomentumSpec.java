package org.neuronkit.optim;

/** {@link Momentum}: v ← μv − α g, θ ← θ + v, with μ = {@code mu} in [0, 1). */
public record MomentumSpec(double lr, double mu) implements OptimizerSpec {
    public MomentumSpec {
        LearningRateOptimizer.checkedRate(lr);
        Momentum.checkedMomentum(mu);
    }

    @Override
    public MomentumSpec withLr(double lr) {
        return new MomentumSpec(lr, mu);
    }

    @Override
    public Optimizer create() {
        return new Momentum(lr, mu);
    }

    @Override
    public String toString() {
        return "momentum(lr=" + lr + ", mu=" + mu + ")";
    }
}
