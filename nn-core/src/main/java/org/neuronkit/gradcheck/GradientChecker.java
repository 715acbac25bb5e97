package org.neuronkit.gradcheck;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

import org.neuronkit.DataException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares an analytic gradient (backpropagation, autodiff) with central differences (docs/chapter.md §5) in
 * double precision. Per entry the relative error is |a − n| / max(|a|, |n|, floor). The floor keeps
 * tiny entries from counting as large relative errors: at the default step the difference
 * quotient of an O(1) function carries round-off noise of about 1e-11 to 1e-10 (ε·|f|/h, times the
 * number of operations), so with the default floor 1e-4 an entry smaller than 1e-4 passes a 1e-6
 * tolerance when its absolute error is below 1e-10.
 *
 * <pre>{@code
 * Report r = new GradientChecker().check(theta -> loss(theta), theta, analyticGradient);
 * assert r.maxRelativeError() < 1e-6 : r;
 * }</pre>
 */
public final class GradientChecker {
    private final double step;
    private final double floor;

    /** Step 1e-5 (truncation h² ≈ 1e-10 against round-off ε/h ≈ 1e-11 for O(1) functions in double) and floor 1e-4. */
    public GradientChecker() {
        this(1e-5, 1e-4);
    }

    public GradientChecker(double step, double floor) {
        if (!(step > 0) || !(floor > 0)) {
            throw new DataException("step and floor must be positive, got step " + step + ", floor " + floor);
        }
        this.step = step;
        this.floor = floor;
    }

    /**
     * Checks {@code analytic} against the central-difference gradient of {@code f} at {@code params}
     * (which f must read; it is perturbed and restored entry by entry).
     */
    public Report check(ToDoubleFunction<INDArray> f, INDArray params, INDArray analytic) {
        if (!Arrays.equals(params.shape(), analytic.shape())) {
            throw new DataException("gradient check: parameters have shape " + Arrays.toString(params.shape())
                    + " but the analytic gradient has shape " + Arrays.toString(analytic.shape()));
        }
        return compare(analytic, FiniteDifferences.centralGradient(f, params, step));
    }

    /** Compares two gradients of the same shape entry by entry. */
    public Report compare(INDArray analytic, INDArray numeric) {
        double[] a = analytic.dup('c').data().asDouble();
        double[] n = numeric.dup('c').data().asDouble();
        double worst = 0;
        double maxAbs = 0;
        int worstAt = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - n[i]);
            double rel = diff / Math.max(floor, Math.max(Math.abs(a[i]), Math.abs(n[i])));
            maxAbs = Math.max(maxAbs, diff);
            if (!(rel <= worst)) {
                worst = rel;
                worstAt = i;
            }
        }
        return new Report(worst, worstAt, a.length == 0 ? 0 : a[worstAt], a.length == 0 ? 0 : n[worstAt], maxAbs);
    }

    /**
     * The result of a check.
     *
     * @param maxRelativeError the largest relative error over all entries (NaN if any entry is NaN)
     * @param worstIndex       its entry, in row-major order
     * @param analytic         the analytic value there
     * @param numeric          the central-difference value there
     * @param maxAbsoluteError the largest |a − n|
     */
    public record Report(double maxRelativeError, int worstIndex, double analytic, double numeric, double maxAbsoluteError) {
        @Override
        public String toString() {
            return String.format("max relative error %.3e at entry %d (analytic %.12g, numerical %.12g); max absolute error %.3e",
                    maxRelativeError, worstIndex, analytic, numeric, maxAbsoluteError);
        }
    }
}
