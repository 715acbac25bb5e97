package org.neuronkit.optim;

/** {@link AdamW}: Adam's hyper-parameters and the decoupled weight decay λ = {@code wd} ≥ 0. */
public record AdamWSpec(double lr, double beta1, double beta2, double eps, double wd) implements OptimizerSpec {
    public AdamWSpec {
        new AdamSpec(lr, beta1, beta2, eps);
        AdamW.checkedWeightDecay(wd);
    }

    @Override
    public AdamWSpec withLr(double lr) {
        return new AdamWSpec(lr, beta1, beta2, eps, wd);
    }

    @Override
    public Optimizer create() {
        return new AdamW(lr, beta1, beta2, eps, wd);
    }

    @Override
    public String toString() {
        return "adamw(" + Adam.hyperParameters(lr, beta1, beta2, eps) + ", wd=" + wd + ")";
    }
}
