package org.neuronkit.diagnostics;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.neuronkit.ConfigurationException;

/** Continuous functions on a compact interval for the universal-approximation study (docs/chapter.md §3). */
public enum TargetFunction {
    SIN("sin", "sin x", -Math.PI, Math.PI, Math::sin),
    ABS("abs", "|x|", -1, 1, Math::abs),
    GAUSSIAN("gaussian", "exp(−x²)", -3, 3, x -> Math.exp(-x * x)),
    SAWTOOTH("sawtooth", "triangle wave, period 2", -2, 2, x -> Math.abs(x - 2 * Math.floor(x / 2) - 1));

    private final String key;
    private final String formula;
    private final double from;
    private final double to;
    private final DoubleUnaryOperator f;

    TargetFunction(String key, String formula, double from, double to, DoubleUnaryOperator f) {
        this.key = key;
        this.formula = formula;
        this.from = from;
        this.to = to;
        this.f = f;
    }

    /** The command-line name, e.g. {@code sin}. */
    public String key() {
        return key;
    }

    /** A readable formula for titles. */
    public String formula() {
        return formula;
    }

    public double from() {
        return from;
    }

    public double to() {
        return to;
    }

    public double apply(double x) {
        return f.applyAsDouble(x);
    }

    /** The function called {@code key}, e.g. {@code sin}. */
    public static TargetFunction byKey(String key) {
        for (TargetFunction t : values()) {
            if (t.key.equals(key == null ? "" : key.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new ConfigurationException("unknown target function '" + key + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(TargetFunction::key).toList()));
    }
}
