package org.neuronkit.activation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.CachedOp;
import org.neuronkit.ops.Constant;

/**
 * The 0/1 masks that piecewise-linear derivatives are made of, [z &gt; 0] or [lo &lt; z &lt; hi], written
 * as numbers of z's type by comparisons into a boolean scratch and a cast: vectorised native ops,
 * re-executed ({@link CachedOp}), several times faster than libnd4j's fused {@code *_bp} ops, which
 * call a function object per element. One instance per call site.
 */
final class Indicator {
    private final Constant lower;
    private final Constant upper;
    private final Scratch above = new Scratch();
    private final Scratch below = new Scratch();
    private final CachedOp aboveLower = new CachedOp();
    private final CachedOp belowUpper = new CachedOp();
    private final CachedOp both = new CachedOp();
    private final CachedOp toNumber = new CachedOp();

    private Indicator(double lower, double upper) {
        this.lower = new Constant(lower);
        this.upper = Double.isInfinite(upper) ? null : new Constant(upper);
    }

    /** [z &gt; 0]. */
    static Indicator positive() {
        return new Indicator(0, Double.POSITIVE_INFINITY);
    }

    /** [lo &lt; z &lt; hi], the open interval. */
    static Indicator between(double lo, double hi) {
        return new Indicator(lo, hi);
    }

    /** Writes the mask of {@code z} into {@code out} (same shape; any floating-point type). */
    void of(INDArray z, INDArray out) {
        DataType type = z.dataType();
        INDArray mask = above.like(z, DataType.BOOL);
        aboveLower.runBinary("greater", z, lower.of(type), mask);
        if (upper != null) {
            INDArray inside = below.like(z, DataType.BOOL);
            belowUpper.runBinary("less", z, upper.of(type), inside);
            both.runBinary("boolean_and", mask, inside, mask);
        }
        toNumber.runCast(mask, out);
    }
}
