package org.neuronkit.data;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies chosen rows of one matrix into another: {@code into[i, :] = source[rows[i], :]} for i &lt; N,
 * one bulk buffer copy per row, for FLOAT row-major matrices in host memory. It does what libnd4j's
 * {@code gather} along the rows does, in about half its time on a minibatch of image rows
 * (docs/design.md, "Host passes"). Made once per pair of matrices; it keeps their buffers.
 *
 * <h2>Shapes</h2>
 * source is R × F and into is N × F, both contiguous row-major ('c', element stride 1); rows holds N
 * indices in [0, R) (checked by the buffer copies' own bounds).
 */
final class RowCopy {
    private final INDArray source;
    private final INDArray into;
    private final FloatBuffer from;
    private final FloatBuffer to;
    private final int width;
    private final int sourceAt;
    private final int intoAt;

    /** For two matrices {@link #serves} takes. */
    RowCopy(INDArray source, INDArray into) {
        this.source = source;
        this.into = into;
        this.from = source.data().asNioFloat();
        this.to = into.data().asNioFloat();
        this.width = (int) source.columns();
        this.sourceAt = (int) source.offset();
        this.intoAt = (int) into.offset();
    }

    /** Whether a copy can take these two matrices. */
    static boolean serves(INDArray source, INDArray into) {
        return Nd4j.getEnvironment().isCPU() && fits(source) && fits(into) && source.columns() == into.columns();
    }

    private static boolean fits(INDArray x) {
        return x.dataType() == DataType.FLOAT && x.rank() == 2 && x.ordering() == 'c' && x.elementWiseStride() == 1
                && x.offset() + x.length() <= Integer.MAX_VALUE;
    }

    /** Whether this copy is between these two matrices. */
    boolean between(INDArray source, INDArray into) {
        return this.source == source && this.into == into;
    }

    /** into's first {@code rows.length} rows from source's rows {@code rows[0]}, {@code rows[1]}, …. */
    void copy(int[] rows) {
        for (int i = 0; i < rows.length; i++) {
            to.put(intoAt + i * width, from, sourceAt + rows[i] * width, width);
        }
    }
}
