package org.neuronkit.loss;

import org.neuronkit.activation.Activations;

/** {@link Losses#squaredError(org.neuronkit.activation.Activation)}: L = ½‖ŷ − y‖² after the output activation {@code activation}. */
public record SquaredErrorSpec(String activation) implements LossSpec {
    public SquaredErrorSpec {
        activation = LossSpec.activation(activation);
    }

    @Override
    public Loss create() {
        return Losses.squaredError(Activations.parse(activation));
    }

    @Override
    public String toString() {
        return "squared-error(" + activation + ")";
    }
}
