package org.neuronkit.optim;

import java.util.Iterator;
import org.neuronkit.ConfigurationException;
import org.neuronkit.registry.Registry;

/**
 * Optimizers by name. The registry parses a spec string, e.g.
 * {@code adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)}, into the optimizer's
 * {@link OptimizerSpec} record, whose {@code toString()} is that string again and whose
 * {@link OptimizerSpec#create()} builds the optimizer. Parameters are {@code key=value}; absent ones take
 * the defaults below (α = {@value #DEFAULT_LEARNING_RATE}).
 */
public final class Optimizers {
    /** α when a spec gives no {@code lr}. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;

    /** Every optimizer by name: one line per optimizer. */
    public static final Registry<OptimizerSpec> REGISTRY = new Registry<OptimizerSpec>("optimizer")
            .add("sgd", "θ ← θ − α g",
                    args -> new SgdSpec(args.keys("lr").number("lr", DEFAULT_LEARNING_RATE)), "sgd", "sgd(lr=0.1)")
            .add("momentum(mu=0.9)", "v ← μ v − α g, θ ← θ + v",
                    args -> new MomentumSpec(args.keys("lr", "mu").number("lr", DEFAULT_LEARNING_RATE), args.number("mu", 0.9)),
                    "momentum", "momentum(lr=0.1, mu=0.5)")
            .add("adam(beta1=0.9,beta2=0.999,eps=1e-8)", "Adam: moments m, v of g and g², θ ← θ − α_t m / (√v + ε)",
                    args -> new AdamSpec(args.keys("lr", "beta1", "beta2", "eps").number("lr", DEFAULT_LEARNING_RATE),
                            args.number("beta1", 0.9), args.number("beta2", 0.999), args.number("eps", 1e-8)),
                    "adam", "adam(lr=0.5, beta1=0.8)")
            .add("nesterov(mu=0.9)", "v ← μ v − α g, θ ← θ + μ v − α g",
                    args -> new NesterovSpec(args.keys("lr", "mu").number("lr", DEFAULT_LEARNING_RATE), args.number("mu", 0.9)),
                    "nesterov", "nesterov(mu=0.5)")
            .add("rmsprop(rho=0.9,eps=1e-8)", "s ← ρ s + (1 − ρ) g², θ ← θ − α g / (√s + ε)",
                    args -> new RmsPropSpec(args.keys("lr", "rho", "eps").number("lr", DEFAULT_LEARNING_RATE), args.number("rho", 0.9),
                            args.number("eps", 1e-8)), "rmsprop", "rmsprop(rho=0.5, eps=1e-6)")
            .add("adagrad(eps=1e-8)", "h ← h + g², θ ← θ − α g / (√h + ε)",
                    args -> new AdaGradSpec(args.keys("lr", "eps").number("lr", DEFAULT_LEARNING_RATE), args.number("eps", 1e-8)),
                    "adagrad", "adagrad(eps=1e-6)")
            .add("adamw(beta1=0.9,beta2=0.999,eps=1e-8,wd=0.01)", "Adam with decoupled weight decay on the weights: W ← W − α λ W, then Adam's step",
                    args -> new AdamWSpec(args.keys("lr", "beta1", "beta2", "eps", "wd").number("lr", DEFAULT_LEARNING_RATE),
                            args.number("beta1", 0.9), args.number("beta2", 0.999), args.number("eps", 1e-8),
                            args.number("wd", AdamW.DEFAULT_WEIGHT_DECAY)), "adamw", "adamw(wd=0.1)");

    /** {@link #REGISTRY}'s names, as picocli {@code completionCandidates}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return REGISTRY.usages().iterator();
        }
    }

    private Optimizers() {
    }

    /**
     * A new optimizer of the kind {@code spec} names ({@code sgd}, {@code momentum}, {@code adam(beta1=0.8)},
     * …) with base learning rate α₀ = {@code learningRate}, which replaces any {@code lr} in the spec.
     *
     * @throws ConfigurationException naming an unknown optimizer and listing the known ones
     */
    public static Optimizer byName(String spec, double learningRate) {
        return REGISTRY.parse(spec).withLr(learningRate).create();
    }

    /** A new optimizer of the record a spec string ({@link OptimizerSpec#toString()}) names, hyper-parameters and α₀ included. */
    public static Optimizer parse(String spec) {
        return REGISTRY.parse(spec).create();
    }
}
