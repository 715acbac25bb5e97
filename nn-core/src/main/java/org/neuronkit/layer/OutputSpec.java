package org.neuronkit.layer;

import org.neuronkit.loss.Losses;

/**
 * The output layer: a {@link Dense} layer of {@code units} neurons whose activation belongs to the
 * loss a {@link org.neuronkit.loss.Loss#spec()} names (softmax for softmax-cross-entropy); weights
 * units × inputs. Always the network's last layer.
 */
public record OutputSpec(int units, String loss) implements NeuronsSpec {
    @Override
    public Layer create(int inputSize) {
        return new Dense(inputSize, units, Losses.parse(loss).outputActivation());
    }
}
