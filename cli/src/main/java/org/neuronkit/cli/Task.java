package org.neuronkit.cli;

import java.util.Locale;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.eval.Decision;
import org.neuronkit.network.Network;

/**
 * What a network learns: {@code classification} (softmax or logistic outputs, class labels) or
 * {@code regression} (identity outputs, real-valued targets from the last CSV columns).
 */
enum Task {
    CLASSIFICATION, REGRESSION;

    static final String NAMES = "classification, regression";

    /** The task {@code --task} names; null (a run saved before the option existed) is classification. */
    static Task parse(String name) {
        if (name == null) {
            return CLASSIFICATION;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("unknown --task '" + name + "'; known: " + NAMES);
        }
    }

    /** The task of a trained network: regression when its outputs are the identity of the last affine layer. */
    static Task of(Network network) {
        return network.loss().outputActivation().spec().equals(Activations.identity().spec()) ? REGRESSION : CLASSIFICATION;
    }

    /** How many names a trained network's outputs take: its regression targets, or its classes (two for one logistic output, {@link Decision}). */
    static int outputNames(Network network) {
        int outputs = network.outputSize();
        return of(network) == REGRESSION ? outputs : Decision.classes(outputs);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
