package org.neuronkit.extension;

import org.neuronkit.layer.Layer;
import org.neuronkit.layer.SameWidthSpec;

/** {@link ScaleLayer}'s spec: as wide as its input, the scales starting at {@code initial}. */
record ScaleSpec(double initial) implements SameWidthSpec {
    @Override
    public Layer create(int inputSize) {
        return new ScaleLayer(inputSize, initial);
    }
}
