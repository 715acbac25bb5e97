package org.neuronkit.layer;

/**
 * Inverted dropout, {@link Dropout}, with rate {@code rate} on the previous layer's output; as wide
 * as its input, no weights. {@code seed} seeds its masks; null lets the network derive one from its
 * own seed and the layer's position.
 */
public record DropoutSpec(double rate, Long seed) implements SameWidthSpec {
    @Override
    public Layer create(int inputSize) {
        return new Dropout(inputSize, rate, seed);
    }
}
