package org.neuronkit.layer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A reusable N × columns buffer: allocated for the largest batch seen, and handed out as a view of
 * its first N rows, so that a training step with a batch size it has seen allocates nothing.
 */
final class RowBuffer {
    private final long columns;
    private INDArray full;
    private INDArray view;

    RowBuffer(long columns) {
        this.columns = columns;
    }

    INDArray rows(long n, DataType type) {
        if (full == null || full.rows() < n || full.dataType() != type) {
            full = Nd4j.create(type, n, columns);
            view = null;
        }
        if (view == null || view.rows() != n) {
            view = n == full.rows() ? full : full.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        }
        return view;
    }
}
