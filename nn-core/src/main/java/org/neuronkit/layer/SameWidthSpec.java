package org.neuronkit.layer;

/** The spec of a layer without weights that is as wide as its input (dropout, element-wise layers). */
public interface SameWidthSpec extends LayerSpec {

    @Override
    default int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    default long weightCount(int inputSize) {
        return 0;
    }
}
