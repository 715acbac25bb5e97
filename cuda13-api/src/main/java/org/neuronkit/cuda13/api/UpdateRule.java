package org.neuronkit.cuda13.api;

import java.util.Map;

/**
 * An optimizer as its registry entry defines it: the name and the hyper-parameters by the registry's keys
 * (e.g. {@code adam} with {@code beta1}, {@code beta2}, {@code eps}). The learning rate is not here: it is
 * given per step with each epoch ({@link TrainingSession#trainEpoch}), so a schedule changes no kernel.
 *
 * @param weightCount the first weightCount parameters are weights (where L1, L2 and decoupled decay act)
 */
public record UpdateRule(String name, Map<String, Double> hyperParameters, long weightCount) {

    public UpdateRule {
        hyperParameters = Map.copyOf(hyperParameters);
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
