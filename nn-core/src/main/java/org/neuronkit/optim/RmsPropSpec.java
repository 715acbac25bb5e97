package org.neuronkit.optim;

/** {@link RmsProp}: s ← ρs + (1 − ρ)g² with ρ = {@code rho} in [0, 1), θ ← θ − α g / (√s + ε), ε = {@code eps} &gt; 0. */
public record RmsPropSpec(double lr, double rho, double eps) implements OptimizerSpec {
    public RmsPropSpec {
        LearningRateOptimizer.checkedRate(lr);
        RmsProp.checkedDecay(rho);
        AdaGrad.checkedEpsilon(eps);
    }

    @Override
    public RmsPropSpec withLr(double lr) {
        return new RmsPropSpec(lr, rho, eps);
    }

    @Override
    public Optimizer create() {
        return new RmsProp(lr, rho, eps);
    }

    @Override
    public String toString() {
        return "rmsprop(lr=" + lr + ", rho=" + rho + ", eps=" + eps + ")";
    }
}
