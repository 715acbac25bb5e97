package org.neuronkit.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class GradientCheckerTest {
    private static final DataType D = DataType.DOUBLE;

    /** f(θ) = Σ sin(θ) ⊙ θ², ∂f/∂θ = cos(θ) ⊙ θ² + 2 sin(θ) ⊙ θ. */
    private static final ToDoubleFunction<INDArray> F =
            t -> Transforms.sin(t, true).muli(t).muli(t).sumNumber().doubleValue();

    private static INDArray exactGradient(INDArray t) {
        return Transforms.cos(t, true).muli(t).muli(t).addi(Transforms.sin(t, true).muli(t).muli(2));
    }

    @Test
    void acceptsTheExactGradientAndLocatesAWrongEntry() {
        INDArray theta = Nd4j.linspace(-2.0, 2.0, 12, D).reshape(3, 4);
        INDArray exact = exactGradient(theta);
        GradientChecker.Report ok = new GradientChecker().check(F, theta, exact);
        assertTrue(ok.maxRelativeError() < 1e-8, ok.toString());
        assertEquals(Nd4j.linspace(-2.0, 2.0, 12, D).reshape(3, 4), theta, "parameters restored");

        INDArray wrong = exact.dup();
        wrong.putScalar(new long[] {1, 2}, wrong.getDouble(1, 2) * 1.01);
        GradientChecker.Report bad = new GradientChecker().check(F, theta, wrong);
        assertEquals(6, bad.worstIndex());
        assertEquals(0.01 / 1.01, bad.maxRelativeError(), 1e-6);
        assertEquals(wrong.getDouble(1, 2), bad.analytic(), 0);
    }

    @Test
    void forwardDifferenceErrorIsFirstOrderAndCentralSecondOrder() {
        double forwardRatio = Math.abs(FiniteDifferences.forward(Math::exp, 1, 1e-2) - Math.E)
                / Math.abs(FiniteDifferences.forward(Math::exp, 1, 1e-3) - Math.E);
        double centralRatio = Math.abs(FiniteDifferences.central(Math::exp, 1, 1e-2) - Math.E)
                / Math.abs(FiniteDifferences.central(Math::exp, 1, 1e-3) - Math.E);
        assertEquals(10, forwardRatio, 0.5);
        assertEquals(100, centralRatio, 5);
    }

    /** |θ| ≤ 2, so |f″|, |f‴| ≲ 10: forward error ≈ h/2·|f″| ≤ 5e-6 at h = 1e-6, central ≈ h²/6·|f‴| ≈ 2e-10 at h = 1e-5. */
    @Test
    void gradientsByForwardAndCentralDifferences() {
        INDArray theta = Nd4j.linspace(-2.0, 1.9, 10, D).reshape(2, 5);
        INDArray exact = exactGradient(theta);
        GradientChecker checker = new GradientChecker();
        GradientChecker.Report forward = checker.compare(exact, FiniteDifferences.forwardGradient(F, theta, 1e-6));
        GradientChecker.Report central = checker.compare(exact, FiniteDifferences.centralGradient(F, theta, 1e-5));
        assertTrue(forward.maxAbsoluteError() < 1e-5 && forward.maxAbsoluteError() > 1e-8, forward.toString());
        assertTrue(central.maxAbsoluteError() < 1e-8, central.toString());
        INDArray v = Nd4j.linspace(1.0, -1.0, 10, D).reshape(2, 5);
        assertEquals(exact.mul(v).sumNumber().doubleValue(), FiniteDifferences.centralDirectional(F, theta, v, 1e-5), 1e-8);
    }

    @Test
    void stepSizeTableShowsTruncationThenRoundOff() {
        List<StepSizeStudy.Row> rows = StepSizeStudy.logisticAtOne();
        assertEquals(12, rows.size());
        assertEquals(1e-1, rows.get(0).step(), 1e-17);
        assertEquals(1e-12, rows.get(11).step(), 1e-28);
        StepSizeStudy.Row bestCentral = rows.stream().min(Comparator.comparingDouble(StepSizeStudy.Row::centralError)).orElseThrow();
        StepSizeStudy.Row bestForward = rows.stream().min(Comparator.comparingDouble(StepSizeStudy.Row::forwardError)).orElseThrow();
        assertTrue(bestCentral.step() >= 1e-7 && bestCentral.step() <= 1e-3, "central best at " + bestCentral);
        assertTrue(bestForward.step() >= 1e-10 && bestForward.step() <= 1e-6, "forward best at " + bestForward);
        assertTrue(bestCentral.centralError() < 1e-10);
        assertTrue(rows.get(0).centralError() > 100 * bestCentral.centralError(), "truncation error at large h");
        assertTrue(rows.get(11).centralError() > 100 * bestCentral.centralError(), "round-off error at small h");
        assertTrue(rows.get(2).forwardError() > 10 * rows.get(2).centralError(), "central beats forward at h = 1e-3");
    }

    @Test
    void rejectsFloatParametersAndMismatchedShapes() {
        assertThrows(DataException.class, () -> FiniteDifferences.centralGradient(F, Nd4j.ones(DataType.FLOAT, 3), 1e-3));
        DataException e = assertThrows(DataException.class,
                () -> new GradientChecker().check(F, Nd4j.ones(D, 3), Nd4j.ones(D, 1, 3)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[1, 3]"), e.getMessage());
    }
}
