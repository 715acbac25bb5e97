package org.neuronkit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central differences over the entries of an array, for the tests' gradient checks (double precision). */
public final class Gradients {
    public static final double STEP = 1e-5;

    private Gradients() {
    }

    /**
     * ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h for every entry of {@code x}, perturbing x in place
     * and restoring it; {@code f} must read x.
     */
    public static INDArray central(INDArray x, DoubleSupplier f) {
        INDArray grad = x.ulike();
        INDArray flat = x.reshape(x.length());
        INDArray gflat = grad.reshape(grad.length());
        for (long i = 0; i < flat.length(); i++) {
            double old = flat.getDouble(i);
            flat.putScalar(i, old + STEP);
            double up = f.getAsDouble();
            flat.putScalar(i, old - STEP);
            double down = f.getAsDouble();
            flat.putScalar(i, old);
            gflat.putScalar(i, (up - down) / (2 * STEP));
        }
        return grad;
    }

    /**
     * Fails unless every entry satisfies |a − n| ≤ tolerance · max(|a|, |n|, floor): a relative
     * error, with {@code floor} keeping entries that are both (nearly) zero from dividing by zero.
     */
    public static void assertClose(String what, INDArray analytic, INDArray numeric, double tolerance, double floor) {
        INDArray a = analytic.reshape(analytic.length());
        INDArray n = numeric.reshape(numeric.length());
        double worst = 0;
        long worstAt = -1;
        for (long i = 0; i < a.length(); i++) {
            double ai = a.getDouble(i);
            double ni = n.getDouble(i);
            double err = Math.abs(ai - ni) / Math.max(floor, Math.max(Math.abs(ai), Math.abs(ni)));
            if (!(err <= worst)) {
                worst = err;
                worstAt = i;
            }
        }
        if (!(worst <= tolerance)) {
            fail(what + ": relative error " + worst + " > " + tolerance + " at entry " + worstAt
                    + " (analytic " + a.getDouble(worstAt) + ", numerical " + n.getDouble(worstAt) + ")");
        }
    }
}
