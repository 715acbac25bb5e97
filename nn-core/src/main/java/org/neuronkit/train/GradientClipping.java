package org.neuronkit.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSequence;

/**
 * Clips the flat gradient g = ∂R/∂θ in place before the optimizer step, first by value, then by
 * global norm, each when set:
 * <ul>
 *   <li>by value c_v: g_i ← min(max(g_i, −c_v), c_v);</li>
 *   <li>by global norm c: g ← g · min(1, c / ‖g‖₂), with ‖g‖₂ over the whole buffer (all layers'
 *       weights, biases and activation parameters together), so the direction is kept.</li>
 * </ul>
 * {@link #zeroNonFinite} sets NaN and ±∞ entries to 0 (for {@link NonFinitePolicy#CLIP}). The ops run
 * through one {@link OpSequence} into arrays made on the first call, so a steady-state call allocates
 * nothing native. Not thread-safe: one per trainer.
 */
public final class GradientClipping {
    private final double maxNorm;
    private final double maxValue;
    private final OpSequence clipOps = new OpSequence();
    private final OpSequence cleanOps = new OpSequence();
    private INDArray norm;
    private INDArray probe;
    private INDArray finite;
    private INDArray zeros;

    private GradientClipping(double maxNorm, double maxValue) {
        this.maxNorm = checked(maxNorm, "norm");
        this.maxValue = checked(maxValue, "value");
    }

    /** No clipping. */
    public static GradientClipping none() {
        return new GradientClipping(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** g ← g · min(1, c / ‖g‖₂). */
    public static GradientClipping byNorm(double c) {
        return new GradientClipping(c, Double.POSITIVE_INFINITY);
    }

    /** g_i ← clamp(g_i, −c, c). */
    public static GradientClipping byValue(double c) {
        return new GradientClipping(Double.POSITIVE_INFINITY, c);
    }

    /** This clipping with the global norm clipped at {@code c} as well (after clipping by value). */
    public GradientClipping andNorm(double c) {
        return new GradientClipping(c, maxValue);
    }

    /** c, the global L2 norm the gradient is clipped to; +∞ when not clipped by norm. */
    public double maxNorm() {
        return maxNorm;
    }

    /** c_v, the bound of each clamped gradient entry; +∞ when not clipped by value. */
    public double maxValue() {
        return maxValue;
    }

    /** Clips {@code gradients} (1-D) in place; returns ‖g‖₂ before clipping by norm (NaN when not clipped by norm). */
    public double apply(INDArray gradients) {
        OpSequence ops = clipOps.begin();
        if (maxValue < Double.POSITIVE_INFINITY) {
            ops.max(gradients, -maxValue, gradients);
            ops.min(gradients, maxValue, gradients);
        }
        if (maxNorm == Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        if (norm == null || norm.dataType() != gradients.dataType()) {
            norm = Nd4j.scalar(gradients.dataType(), 0);
        }
        ops.op("reduce_norm2").in(gradients).out(norm).run();
        double length = norm.getDouble(0L);
        if (length > maxNorm) {
            ops.mul(gradients, maxNorm / length, gradients);
        }
        return length;
    }

    /** Sets the NaN and ±∞ entries of {@code gradients} (1-D) to 0, in place. */
    public void zeroNonFinite(INDArray gradients) {
        if (probe == null || probe.length() != gradients.length() || probe.dataType() != gradients.dataType()) {
            probe = gradients.ulike();
            zeros = gradients.ulike().assign(0);
            finite = Nd4j.create(DataType.BOOL, gradients.shape());
        }
        OpSequence ops = cleanOps.begin();
        ops.mul(gradients, 0, probe);           // 0 where g_i is finite, NaN where it is not
        ops.eq(probe, probe, finite);           // NaN ≠ NaN
        ops.op("select").in(finite).in(gradients).in(zeros).out(gradients).run();
    }

    private static double checked(double c, String what) {
        if (!(c > 0)) {
            throw new ConfigurationException("the gradient-clipping " + what + " must be a number > 0, got " + c);
        }
        return c;
    }
}
