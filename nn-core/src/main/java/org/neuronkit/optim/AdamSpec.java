package org.neuronkit.optim;

/** {@link Adam}: moments with decay β₁ = {@code beta1}, β₂ = {@code beta2}, and ε = {@code eps} &gt; 0. */
public record AdamSpec(double lr, double beta1, double beta2, double eps) implements OptimizerSpec {
    public AdamSpec {
        LearningRateOptimizer.checkedRate(lr);
        Adam.checkedBetas(beta1, beta2);
        AdaGrad.checkedEpsilon(eps);
    }

    @Override
    public AdamSpec withLr(double lr) {
        return new AdamSpec(lr, beta1, beta2, eps);
    }

    @Override
    public Optimizer create() {
        return new Adam(lr, beta1, beta2, eps);
    }

    @Override
    public String toString() {
        return "adam(" + Adam.hyperParameters(lr, beta1, beta2, eps) + ")";
    }
}
