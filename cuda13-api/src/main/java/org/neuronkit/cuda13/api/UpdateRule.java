package org.neuronkit.cuda13.api;

import java.util.Map;

/**
 * An optimizer as its registry entry defines it: the name and the hyper-parameters by the registry's keys
 * (e.g. {@code adam} with {@code beta1}, {@code beta2}, {@code eps}), and the gradient clipping before each
 * update. The learning rate is not here: it is given per step with each epoch
 * ({@link TrainingSession#trainEpoch}), so a schedule changes no kernel.
 *
 * @param weightCount the first weightCount parameters are weights (where L1, L2 and decoupled decay act)
 * @param clipValue each gradient entry is clamped to [−clipValue, clipValue] (+∞: not clipped by value)
 * @param clipNorm then the gradient is scaled by min(1, clipNorm / ‖g‖₂) (+∞: not clipped by norm)
 */
public record UpdateRule(String name, Map<String, Double> hyperParameters, long weightCount, double clipValue, double clipNorm) {

    public UpdateRule {
        hyperParameters = Map.copyOf(hyperParameters);
        if (!(clipValue > 0) || !(clipNorm > 0)) {
            throw new IllegalArgumentException("gradient clipping bounds must be > 0 (+∞ for none), got value " + clipValue + ", norm " + clipNorm);
        }
    }

    /** Without gradient clipping. */
    public UpdateRule(String name, Map<String, Double> hyperParameters, long weightCount) {
        this(name, hyperParameters, weightCount, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The hyper-parameter {@code key}, or an IllegalArgumentException naming the optimizer and the key. */
    public double get(String key) {
        Double value = hyperParameters.get(key);
        if (value == null) {
            throw new IllegalArgumentException("optimizer '" + name + "' lacks its hyper-parameter '" + key + "' (has " + hyperParameters.keySet() + ")");
        }
        return value;
    }
}
