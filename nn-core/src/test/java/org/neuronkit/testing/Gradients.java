package org.neuronkit.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.gradcheck.FiniteDifferences;
import org.neuronkit.gradcheck.GradientChecker;

/** JUnit assertions over the toolkit's own gradient checker (double precision). */
public final class Gradients {
    private static final double STEP = 1e-5;

    private Gradients() {
    }

    /** Central differences of {@code f} over every entry of {@code x}, which {@code f} must read. */
    public static INDArray central(INDArray x, DoubleSupplier f) {
        return FiniteDifferences.centralGradient(p -> f.getAsDouble(), x, STEP);
    }

    /** Fails unless every entry's relative error |a − n| / max(|a|, |n|, floor) is at most {@code tolerance}. */
    public static void assertClose(String what, INDArray analytic, INDArray numeric, double tolerance, double floor) {
        GradientChecker.Report report = new GradientChecker(STEP, floor).compare(analytic, numeric);
        if (!(report.maxRelativeError() <= tolerance)) {
            fail(what + ": " + report + " > " + tolerance);
        }
    }
}
