package org.neuronkit.autodiff;

import java.util.Arrays;

import org.neuronkit.DataException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Broadcasting for the graph's element-wise operations, following NumPy's rule: shapes are aligned
 * at their trailing dimensions and a dimension of size 1 (or a missing one) stretches to match the
 * other. This covers the cases the graph needs: a scalar, a row vector 1×M or a column vector N×1
 * against an N×M matrix.
 *
 * <p>Reverse mode undoes a broadcast by summing the gradient over the stretched dimensions
 * ({@link #sumTo}); forward mode repeats a tangent along them ({@link #expandTo}).
 */
final class Shapes {
    private Shapes() {}

    /** The shape of {@code op(a, b)} for an element-wise binary op, or a {@link DataException} naming both shapes and the op. */
    static long[] broadcast(String op, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int k = 1; k <= rank; k++) {
            long da = k <= a.length ? a[a.length - k] : 1;
            long db = k <= b.length ? b[b.length - k] : 1;
            if (da != db && da != 1 && db != 1) {
                throw mismatch(op, a, b, "do not broadcast (dimension " + da + " against " + db + ")");
            }
            out[rank - k] = Math.max(da, db);
        }
        return out;
    }

    /** Sums {@code g} over the dimensions that were stretched to broadcast an array of {@code shape}. */
    static INDArray sumTo(INDArray g, long[] shape) {
        if (Arrays.equals(g.shape(), shape)) {
            return g;
        }
        if (shape.length == 0 || g.length() == 1 || prod(shape) == 1) {
            return g.sum().reshape(shape);
        }
        long[] gs = g.shape();
        int lead = gs.length - shape.length;
        int[] dims = new int[gs.length];
        int n = 0;
        for (int d = 0; d < gs.length; d++) {
            if (d < lead || (shape[d - lead] == 1 && gs[d] != 1)) {
                dims[n++] = d;
            }
        }
        return g.sum(true, Arrays.copyOf(dims, n)).reshape(shape);
    }

    /** Repeats {@code t} along stretched dimensions so that it has {@code shape}. */
    static INDArray expandTo(INDArray t, long[] shape) {
        return Arrays.equals(t.shape(), shape) ? t : t.broadcast(shape);
    }

    static long prod(long[] shape) {
        long p = 1;
        for (long d : shape) {
            p *= d;
        }
        return p;
    }

    static DataException mismatch(String op, long[] a, long[] b, String what) {
        return new DataException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " " + what);
    }
}
