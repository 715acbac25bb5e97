package org.neuronkit.layer;

/**
 * Batch normalization, {@link BatchNorm}, of the previous layer's output: as wide as its input, no
 * weights; {@code momentum} is m of the running averages and {@code epsilon} the ε added to the
 * variance.
 */
public record BatchNormSpec(double momentum, double epsilon) implements SameWidthSpec {
    /** The defaults, PyTorch's: m = 0.1, ε = 1e-5. */
    public BatchNormSpec() {
        this(BatchNorm.MOMENTUM, BatchNorm.EPSILON);
    }

    @Override
    public Layer create(int inputSize) {
        return new BatchNorm(inputSize, momentum, epsilon);
    }
}
