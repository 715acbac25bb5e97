package org.neuronkit.loss;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.neuronkit.activation.Activations;

/**
 * A loss as plain data: what {@link Losses#REGISTRY} parses a spec string into and what a
 * {@link org.neuronkit.train.TrainingDevice} reads. Each kind is a record registered in the registry,
 * whose JSON has its registry name as {@code type}, e.g.
 * {@code {"type":"softmax-cross-entropy","classWeights":[1.0,2.0]}}; its {@code toString()} is the spec
 * string ({@link Loss#spec()}) that the registry reads back into an equal record. An output activation
 * stays a spec string (the canonical {@link org.neuronkit.activation.Activation#spec()}), as in
 * {@link org.neuronkit.layer.DenseSpec}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface LossSpec {

    /** A new loss of this spec. */
    Loss create();

    /** The canonical spec of the activation {@code spec} names (a ConfigurationException if none). */
    static String activation(String spec) {
        return Activations.parse(spec).spec();
    }

    /** The weights, checked as {@link ClassWeights} checks them, as an unmodifiable list (empty: unweighted). */
    static List<Double> classWeights(List<Double> weights) {
        if (weights == null || weights.isEmpty()) {
            return List.of();
        }
        return ClassWeights.of(weights).asList();
    }

    /** {@code name}, or {@code name(w0,w1,…)} with the weights. */
    static String weighted(String name, List<Double> weights) {
        return weights.isEmpty() ? name : name + "(" + ClassWeights.of(weights).spec() + ")";
    }

    /** {@code name} alone for an identity output, else {@code name(arguments)} with the activation's spec last. */
    static String residual(String name, String arguments, String activation) {
        boolean identity = activation.equals("identity");
        String all = arguments.isEmpty() ? (identity ? "" : activation) : arguments + (identity ? "" : "," + activation);
        return all.isEmpty() ? name : name + "(" + all + ")";
    }
}
