package org.neuronkit.gradcheck;

import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Numerical differentiation (docs/chapter.md §5): the forward difference f′(x) ≈ (f(x + h) − f(x)) / h, whose
 * error is O(h), and the central difference f′(x) ≈ (f(x + h) − f(x − h)) / 2h, whose error is O(h²).
 * Either way the step h trades truncation error (large h) against round-off error (small h), see
 * {@link StepSizeStudy}, and a gradient costs one or two evaluations of f per parameter.
 *
 * <p>The gradient methods perturb the parameters in place, one entry at a time, and restore them:
 * {@code f} must read {@code params}. Parameters must be DOUBLE (in FLOAT the round-off error swamps
 * any useful step).
 */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    public static double forward(DoubleUnaryOperator f, double x, double h) {
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x)) / h;
    }

    public static double central(DoubleUnaryOperator f, double x, double h) {
        return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
    }

    /** ∂f/∂θᵢ ≈ (f(θ + h eᵢ) − f(θ)) / h for every entry; n + 1 evaluations of f. */
    public static INDArray forwardGradient(ToDoubleFunction<INDArray> f, INDArray params, double h) {
        double f0 = f.applyAsDouble(requireDouble(params));
        return gradient(params, i -> (shifted(f, params, i, h) - f0) / h);
    }

    /** ∂f/∂θᵢ ≈ (f(θ + h eᵢ) − f(θ − h eᵢ)) / 2h for every entry; 2n evaluations of f. */
    public static INDArray centralGradient(ToDoubleFunction<INDArray> f, INDArray params, double h) {
        requireDouble(params);
        return gradient(params, i -> (shifted(f, params, i, h) - shifted(f, params, i, -h)) / (2 * h));
    }

    /** The directional derivative ∇f·v ≈ (f(θ + hv) − f(θ − hv)) / 2h (to check forward mode). */
    public static double centralDirectional(ToDoubleFunction<INDArray> f, INDArray params, INDArray v, double h) {
        requireDouble(params);
        INDArray saved = params.dup();
        params.addi(v.mul(h));
        double up = f.applyAsDouble(params);
        params.assign(saved).subi(v.mul(h));
        double down = f.applyAsDouble(params);
        params.assign(saved);
        return (up - down) / (2 * h);
    }

    private interface Entry {
        double derivative(long i);
    }

    private static INDArray gradient(INDArray params, Entry entry) {
        INDArray grad = params.ulike();
        for (long i = 0; i < params.length(); i++) {
            grad.putScalar(index(params, i), entry.derivative(i));
        }
        return grad;
    }

    private static double shifted(ToDoubleFunction<INDArray> f, INDArray params, long i, double h) {
        long[] at = index(params, i);
        double old = params.getDouble(at);
        params.putScalar(at, old + h);
        try {
            return f.applyAsDouble(params);
        } finally {
            params.putScalar(at, old);
        }
    }

    /** The i-th entry in row-major order, for arrays of any rank and ordering. */
    private static long[] index(INDArray a, long i) {
        long[] shape = a.shape();
        long[] at = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            at[d] = i % shape[d];
            i /= shape[d];
        }
        return at;
    }

    private static INDArray requireDouble(INDArray params) {
        if (params.dataType() != DataType.DOUBLE) {
            throw new DataException("numerical differentiation needs DOUBLE parameters, got " + params.dataType());
        }
        return params;
    }
}
