package org.neuronkit.extension;

import org.neuronkit.layer.Layer;
import org.neuronkit.layer.LayerSpec;

/** {@link ScaleLayer}'s spec: as wide as its input, the scales starting at {@code initial}. */
record ScaleSpec(double initial) implements LayerSpec {
    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public long weightCount(int inputSize) {
        return 0;
    }

    @Override
    public Layer create(int inputSize) {
        return new ScaleLayer(inputSize, initial);
    }
}
