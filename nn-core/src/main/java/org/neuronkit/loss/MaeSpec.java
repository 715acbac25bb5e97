package org.neuronkit.loss;

import org.neuronkit.activation.Activations;

/** {@link MeanAbsoluteError}: L = ‖ŷ − y‖₁ after the output activation {@code activation}. */
public record MaeSpec(String activation) implements LossSpec {
    public MaeSpec {
        activation = LossSpec.activation(activation);
    }

    @Override
    public Loss create() {
        return Losses.meanAbsoluteError(Activations.parse(activation));
    }

    @Override
    public String toString() {
        return LossSpec.residual("mae", "", activation);
    }
}
