package org.neuronkit.layer;

/**
 * The spec of a layer of {@link #units()} neurons with one weight per input each (dense, output):
 * output width {@code units}, weights units × inputs.
 */
public interface NeuronsSpec extends LayerSpec {

    /** The number of neurons, the layer's output width. */
    int units();

    @Override
    default int outputSize(int inputSize) {
        return units();
    }

    @Override
    default long weightCount(int inputSize) {
        return (long) inputSize * units();
    }
}
