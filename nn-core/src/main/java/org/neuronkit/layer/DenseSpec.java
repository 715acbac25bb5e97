package org.neuronkit.layer;

import org.neuronkit.activation.Activations;

/**
 * A hidden fully connected layer, {@link Dense}: {@code units} neurons with the activation a
 * {@link org.neuronkit.activation.Activation#spec()} names; weights units × inputs.
 */
public record DenseSpec(int units, String activation) implements NeuronsSpec {
    @Override
    public Layer create(int inputSize) {
        return new Dense(inputSize, units, Activations.parse(activation));
    }
}
