package org.neuronkit.optim;

import java.util.Locale;
import org.neuronkit.ConfigurationException;

/** Optimizers by name, for the command line. */
public final class Optimizers {
    private Optimizers() {
    }

    /** {@code sgd}, {@code momentum} (μ = 0.9) or {@code adam}, with learning rate α. */
    public static Optimizer byName(String name, double learningRate) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "sgd": return new Sgd(learningRate);
            case "momentum": return new Momentum(learningRate, 0.9);
            case "adam": return new Adam(learningRate);
            default: throw new ConfigurationException("unknown optimizer '" + name + "'; known: sgd, momentum, adam");
        }
    }
}
