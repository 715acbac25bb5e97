package org.neuronkit.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Cuts 1-D views out of a flat parameter or gradient buffer. */
final class ParameterLayout {
    private ParameterLayout() {
    }

    /** Entries [from, from + length) of a 1-D buffer, as a view (null-safe for length 0). */
    static INDArray region(INDArray flat, long from, long length) {
        return flat.get(NDArrayIndex.interval(from, from + length));
    }
}
