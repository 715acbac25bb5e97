package org.neuronkit.optim;

/** {@link AdaGrad}: h ← h + g², θ ← θ − α g / (√h + ε), ε = {@code eps} &gt; 0. */
public record AdaGradSpec(double lr, double eps) implements OptimizerSpec {
    public AdaGradSpec {
        LearningRateOptimizer.checkedRate(lr);
        AdaGrad.checkedEpsilon(eps);
    }

    @Override
    public AdaGradSpec withLr(double lr) {
        return new AdaGradSpec(lr, eps);
    }

    @Override
    public Optimizer create() {
        return new AdaGrad(lr, eps);
    }

    @Override
    public String toString() {
        return "adagrad(lr=" + lr + ", eps=" + eps + ")";
    }
}
