package org.neuronkit.activation;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One reusable temporary array for an activation whose derivative needs a second buffer: it is
 * allocated on first use and again only when the shape or data type changes.
 */
final class Scratch {
    private INDArray buffer;

    /** An array shaped like {@code reference}; its content is undefined. */
    INDArray like(INDArray reference) {
        if (buffer == null
                || buffer.dataType() != reference.dataType()
                || !Arrays.equals(buffer.shape(), reference.shape())) {
            buffer = reference.ulike();
        }
        return buffer;
    }
}
