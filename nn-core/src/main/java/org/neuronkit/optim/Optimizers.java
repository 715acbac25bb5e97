package org.neuronkit.optim;

import java.util.Locale;
import org.neuronkit.ConfigurationException;

/** Optimizers by name, for the command line. */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * {@code sgd}, {@code momentum} (μ = 0.9), {@code adam}, {@code nesterov} (μ = 0.9), {@code rmsprop}
     * (ρ = 0.9, ε = 10⁻⁸), {@code adagrad} (ε = 10⁻⁸) or {@code adamw} (λ = 0.01), with learning rate α.
     */
    public static Optimizer byName(String name, double learningRate) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "sgd": return new Sgd(learningRate);
            case "momentum": return new Momentum(learningRate, 0.9);
            case "adam": return new Adam(learningRate);
            case "nesterov": return new Nesterov(learningRate, 0.9);
            case "rmsprop": return new RmsProp(learningRate, 0.9, 1e-8);
            case "adagrad": return new AdaGrad(learningRate, 1e-8);
            case "adamw": return new AdamW(learningRate, AdamW.DEFAULT_WEIGHT_DECAY);
            default: throw new ConfigurationException("unknown optimizer '" + name + "'; known: sgd, momentum, adam, nesterov, rmsprop, adagrad, adamw");
        }
    }
}
