package org.neuronkit.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A number as a 0-d array of the data type in use, the operand a {@link CachedOp} multiplies, adds or
 * compares by: made once, and again only when the data type changes, so the ops keep hitting.
 */
public final class Constant {
    private final double value;
    private INDArray array;

    public Constant(double value) {
        this.value = value;
    }

    /** The constant as a scalar array of {@code type}. */
    public INDArray of(DataType type) {
        if (array == null || array.dataType() != type) {
            array = Nd4j.scalar(type, value);
        }
        return array;
    }
}
