package org.neuronkit.loss;

import org.neuronkit.activation.Activations;

/** {@link Huber}: threshold δ = {@code delta} &gt; 0, after the output activation {@code activation}. */
public record HuberSpec(double delta, String activation) implements LossSpec {
    public HuberSpec {
        Huber.checked(delta);
        activation = LossSpec.activation(activation);
    }

    @Override
    public Loss create() {
        return Losses.huber(delta, Activations.parse(activation));
    }

    @Override
    public String toString() {
        return LossSpec.residual("huber", Double.toString(delta), activation);
    }
}
