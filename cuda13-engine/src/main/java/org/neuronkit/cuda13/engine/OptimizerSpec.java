package org.neuronkit.cuda13.engine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The update rule over the flat parameter buffer θ with gradient g = ∂R/∂θ:
 * <ul>
 * <li>{@code sgd}: θ ← θ − α g;</li>
 * <li>{@code momentum}: v ← μv − α g, θ ← θ + v;</li>
 * <li>{@code adam}: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − α_t m / (√v + ε) with
 * α_t = α √(1−β₂ᵗ) / (1−β₁ᵗ) at update t = 1, 2, …</li>
 * </ul>
 * Spelled as nn-core's {@code Optimizer.spec()} writes it: {@code sgd(lr=0.1)},
 * {@code momentum(lr=0.1, mu=0.9)}, {@code adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1.0E-8)}.
 */
public record OptimizerSpec(Kind kind, double learningRate, double beta1, double beta2, double epsilon, double momentum) {

    /** The three update rules. */
    public enum Kind { SGD, MOMENTUM, ADAM }

    private static final Pattern FORM = Pattern.compile("(sgd|momentum|adam)\\((.*)\\)");

    public static OptimizerSpec sgd(double learningRate) {
        return new OptimizerSpec(Kind.SGD, learningRate, 0, 0, 0, 0);
    }

    public static OptimizerSpec momentum(double learningRate, double mu) {
        return new OptimizerSpec(Kind.MOMENTUM, learningRate, 0, 0, 0, mu);
    }

    public static OptimizerSpec adam(double learningRate, double beta1, double beta2, double epsilon) {
        return new OptimizerSpec(Kind.ADAM, learningRate, beta1, beta2, epsilon, 0);
    }

    /** Parses a {@link #describe()} string; an IllegalArgumentException names what does not fit. */
    public static OptimizerSpec parse(String text) {
        Matcher form = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!form.matches()) {
            throw new IllegalArgumentException("optimizer '" + text + "' has no CUDA kernel; supported: sgd, momentum, adam");
        }
        java.util.Map<String, Double> values = new java.util.HashMap<>();
        for (String pair : form.group(2).split(",")) {
            String[] kv = pair.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("optimizer '" + text + "': cannot read '" + pair.trim() + "'");
            }
            values.put(kv[0].trim(), Double.parseDouble(kv[1].trim()));
        }
        double lr = required(values, "lr", text);
        switch (form.group(1)) {
            case "sgd": return sgd(lr);
            case "momentum": return momentum(lr, required(values, "mu", text));
            default: return adam(lr, required(values, "beta1", text), required(values, "beta2", text), required(values, "eps", text));
        }
    }

    private static double required(java.util.Map<String, Double> values, String key, String text) {
        Double value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("optimizer '" + text + "' lacks " + key);
        }
        return value;
    }

    /** As nn-core's optimizers describe themselves. */
    public String describe() {
        switch (kind) {
            case SGD: return "sgd(lr=" + learningRate + ")";
            case MOMENTUM: return "momentum(lr=" + learningRate + ", mu=" + momentum + ")";
            default: return "adam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
        }
    }

    /** Adam's α_t = α √(1−β₂ᵗ) / (1−β₁ᵗ) for update t (from 1). */
    public double adamRate(long t) {
        return learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    }
}
