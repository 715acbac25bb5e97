package org.neuronkit.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The step-size trade-off of numerical differentiation (docs/chapter.md §5): as h shrinks the truncation error
 * falls (O(h) forward, O(h²) central) until round-off, about ε·|f|/h with ε ≈ 1.1e-16 in double,
 * takes over and the error grows again. The table lists both errors against the exact derivative
 * for h = 1e-1, 1e-2, …, 1e-12.
 */
public final class StepSizeStudy {
    private StepSizeStudy() {}

    /** One step size with the absolute errors of the forward and the central difference. */
    public record Row(double step, double forwardError, double centralError) {}

    public static List<Row> table(DoubleUnaryOperator f, double x, double exactDerivative) {
        List<Row> rows = new ArrayList<>();
        for (int k = 1; k <= 12; k++) {
            double h = Math.pow(10, -k);
            rows.add(new Row(h,
                    Math.abs(FiniteDifferences.forward(f, x, h) - exactDerivative),
                    Math.abs(FiniteDifferences.central(f, x, h) - exactDerivative)));
        }
        return rows;
    }

    /** The logistic σ(x) = 1 / (1 + exp(−x)) at x = 1, whose exact derivative is σ(1)(1 − σ(1)). */
    public static List<Row> logisticAtOne() {
        double s = 1 / (1 + Math.exp(-1.0));
        return table(x -> 1 / (1 + Math.exp(-x)), 1.0, s * (1 - s));
    }
}
