package org.neuronkit.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuronkit.gradcheck.GradientChecker;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The benchmark subjects compute what they claim: the same gradient three ways, and the same step in both graph forms. */
class CostExamplesTest {

    @Test
    void reverseForwardModeAndCentralDifferencesGiveTheSameGradient() {
        GradientCost.Problem p = GradientCost.problem(100, 3);
        assertEquals(100, p.parameterCount());
        INDArray reverse = GradientCost.reverseMode(p);
        GradientChecker checker = new GradientChecker();
        GradientChecker.Report forward = checker.compare(reverse, GradientCost.forwardMode(p));
        GradientChecker.Report central = checker.compare(reverse, GradientCost.centralDifferences(p));
        assertTrue(forward.maxRelativeError() < 1e-12, forward.toString());
        assertTrue(central.maxRelativeError() < 1e-6, central.toString());
    }

    @Test
    void staticAndDynamicStepsComputeTheSameGradient() {
        INDArray dynamic = new StaticVersusDynamic.Step(8, 5, 6, 3, false).gradient().dup();
        StaticVersusDynamic.Step fixed = new StaticVersusDynamic.Step(8, 5, 6, 3, true);
        fixed.gradient();
        INDArray again = fixed.gradient();
        GradientChecker.Report r = new GradientChecker().compare(dynamic, again);
        assertTrue(r.maxRelativeError() < 1e-12, r.toString());
    }
}
