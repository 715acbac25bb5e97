package org.neuronkit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Every curve behind the chapter's activation figures, against its docs/chapter.md §1 formula in plain Java. */
class ChapterFiguresTest {
    private static final List<LineFigure> FIGURES = ChapterFigures.activations();

    private static LineFigure figure(String id) {
        return FIGURES.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    private static double sigma(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Φ(x) = ½ + ∫₀ˣ φ(t) dt by composite Simpson's rule (error far below 1e-12 with 2000 panels). */
    private static double normalCdf(double x) {
        int n = 2000;
        double h = x / n;
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double t = i * h;
            double weight = i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * Math.exp(-t * t / 2);
        }
        return 0.5 + sum * h / 3 / Math.sqrt(2 * Math.PI);
    }

    private static void check(String figure, String series, DoubleUnaryOperator f, double tolerance) {
        Series s = figure(figure).series(series);
        assertEquals(ChapterFigures.POINTS, s.x().length);
        for (int i = 0; i < s.x().length; i++) {
            double expected = f.applyAsDouble(s.x()[i]);
            assertEquals(expected, s.y()[i], tolerance * Math.max(1, Math.abs(expected)), figure + " / " + series + " at x = " + s.x()[i]);
        }
    }

    @Test
    void theSixActivationFiguresExistInOrder() {
        assertEquals(List.of("logistic-tanh", "hard-activations", "relu-family", "swish", "gelu", "derivatives"),
                FIGURES.stream().map(LineFigure::id).toList());
        for (LineFigure f : FIGURES) {
            assertTrue(!f.title().isBlank() && !f.xLabel().isBlank() && !f.yLabel().isBlank(), f.id());
        }
    }

    @Test
    void logisticAndTanh() {
        check("logistic-tanh", "logistic σ(x)", x -> 1 / (1 + Math.exp(-x)), 1e-12);
        check("logistic-tanh", "tanh(x)", Math::tanh, 1e-12);
        assertEquals(-6, figure("logistic-tanh").series("tanh(x)").x()[0]);
    }

    @Test
    void hardVersionsAgainstSmoothOnes() {
        check("hard-activations", "hard-logistic", x -> Math.max(Math.min(0.25 * x + 0.5, 1), 0), 1e-12);
        check("hard-activations", "hard-tanh", x -> Math.max(Math.min(x, 1), -1), 1e-12);
        check("hard-activations", "logistic σ(x)", ChapterFiguresTest::sigma, 1e-12);
        check("hard-activations", "tanh(x)", Math::tanh, 1e-12);
    }

    @Test
    void reluFamily() {
        check("relu-family", "ReLU", x -> Math.max(0, x), 1e-12);
        check("relu-family", "leaky ReLU γ=0.1", x -> Math.max(x, 0.1 * x), 1e-12);
        check("relu-family", "ELU γ=1", x -> Math.max(0, x) + Math.min(0, Math.exp(x) - 1), 1e-12);
        check("relu-family", "softplus", x -> Math.log1p(Math.exp(x)), 1e-12);
    }

    @Test
    void swishForEachBeta() {
        check("swish", "β = 0", x -> x / 2, 1e-15);
        check("swish", "β = 0.5", x -> x * sigma(0.5 * x), 1e-12);
        check("swish", "β = 1", x -> x * sigma(x), 1e-12);
        check("swish", "β = 10", x -> x * sigma(10 * x), 1e-12);
        check("swish", "β = 100", x -> x * sigma(100 * x), 1e-12);
        assertEquals(5, figure("swish").series().size());
    }

    @Test
    void threeGeluForms() {
        check("gelu", "GELU x·Φ(x)", x -> x * normalCdf(x), 1e-7);
        // the two approximations' constants are defined once, in their activations' formulas
        check("gelu", "GELU tanh form", x -> formulaValue(org.neuronkit.activation.Activations.geluTanh(), x), 1e-12);
        check("gelu", "GELU sigmoid form x·σ(1.702x)", x -> formulaValue(org.neuronkit.activation.Activations.geluSigmoid(), x), 1e-12);
    }

    private static double formulaValue(org.neuronkit.activation.Activation f, double z) {
        return f.formula().orElseThrow().value().evaluate(java.util.Map.of(org.neuronkit.activation.ActivationFormula.INPUT, z));
    }

    @Test
    void derivativesOfLogisticAndTanh() {
        check("derivatives", "σ′(x)", x -> sigma(x) * (1 - sigma(x)), 1e-12);
        check("derivatives", "tanh′(x)", x -> 1 - Math.tanh(x) * Math.tanh(x), 1e-12);
        double max = 0;
        for (double y : figure("derivatives").series("σ′(x)").y()) {
            max = Math.max(max, y);
        }
        assertEquals(0.25, max, 1e-15, "σ′ peaks at 1/4, at x = 0 (a grid point)");
    }

    @Test
    void studyFiguresCarryTheStudiesNumbers() {
        ApproximationStudy.Result result = new ApproximationStudy.Result(TargetFunction.SIN, new double[] {0, 1}, new double[] {0, 0.84},
                List.of(new ApproximationStudy.Fit(2, new double[] {0.1, 0.8}, 0.3, 0.5), new ApproximationStudy.Fit(8, new double[] {0, 0.84}, 0.01, 0.02)));
        LineFigure error = ChapterFigures.approximationError(result);
        assertEquals(List.of("RMSE", "max |error|"), error.series().stream().map(Series::name).toList());
        assertEquals(2, error.series("RMSE").x()[0]);
        assertEquals(0.01, error.series("RMSE").y()[1]);
        assertEquals(0.02, error.series("max |error|").y()[1]);
        LineFigure fits = ChapterFigures.approximationFits(result);
        assertEquals(List.of("M = 2", "M = 8", "sin x"), fits.series().stream().map(Series::name).toList(), "the target is drawn last, on top");
        Series target = fits.series("sin x");
        assertEquals(ChapterFigures.TARGET_DENSITY + 1, target.x().length, "a finer grid for a smooth target curve");
        for (int i = 0; i < target.x().length; i++) {
            assertEquals((double) i / ChapterFigures.TARGET_DENSITY, target.x()[i], 1e-12);
            assertEquals(Math.sin(target.x()[i]), target.y()[i], 1e-12);
        }

        GradientRecord record = new GradientRecord(1, 5, 5, List.of(new LayerGradient(1, "a", 1, 0.5, 2, 0.1), new LayerGradient(2, "b", 2, 0.7, 3, 0.2)));
        LineFigure history = ChapterFigures.gradientHistory(List.of(record));
        assertEquals(0.7, history.series("layer 2").y()[0]);
        assertEquals(5, history.series("layer 2").x()[0]);
        assertTrue(history.logY());
    }
}
