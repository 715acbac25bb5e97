package org.neuronkit.activation;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One reusable temporary array for an activation whose derivative needs a second buffer: it is
 * allocated on first use and again only when the shape or data type changes.
 */
final class Scratch {
    private INDArray buffer;

    /** An array shaped like {@code reference}, of its data type; its content is undefined. */
    INDArray like(INDArray reference) {
        return like(reference, reference.dataType());
    }

    /** An array shaped like {@code reference}, of data type {@code type}; its content is undefined. */
    INDArray like(INDArray reference, DataType type) {
        if (buffer == null
                || buffer.dataType() != type
                || !Arrays.equals(buffer.shape(), reference.shape())) {
            buffer = Nd4j.createUninitialized(type, reference.shape(), reference.ordering());
        }
        return buffer;
    }
}
