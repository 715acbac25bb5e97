package org.neuronkit.layer;

/**
 * A layer without weights whose output is as wide as its input (dropout, batch normalization, an
 * element-wise layer): N × {@code size} in, N × {@code size} out. Its spec is a {@link SameWidthSpec}.
 */
public abstract class SameWidthLayer implements Layer {
    /** M, the width of the input and of the output. */
    protected final int size;

    protected SameWidthLayer(int size) {
        this.size = size;
    }

    @Override
    public final int inputSize() {
        return size;
    }

    @Override
    public final int outputSize() {
        return size;
    }

    /** None: nothing for L2 or L1 to regularise. */
    @Override
    public final int weightCount() {
        return 0;
    }
}
