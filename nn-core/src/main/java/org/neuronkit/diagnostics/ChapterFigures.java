package org.neuronkit.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

/**
 * The data behind every figure of the chapter (docs/chapter.md §1, §3, §6), computed by the toolkit's own
 * activations ({@link Activation#apply}, {@link Activation#derivative}), networks and studies. Drawing
 * is someone else's job: these are numbers and labels only.
 */
public final class ChapterFigures {
    /** The target's curve in {@link #approximationFits} has this many points per interval of the fits' grid. */
    static final int TARGET_DENSITY = 4;

    /** Points per activation curve. */
    static final int POINTS = 401;

    private ChapterFigures() {
    }

    /** The docs/chapter.md §1 figures: activation shapes and derivatives, six figures. */
    public static List<LineFigure> activations() {
        return List.of(
                curves("logistic-tanh", "Logistic and tanh", -6, 6, false,
                        named("logistic σ(x)", Activations.logistic()), named("tanh(x)", Activations.tanh())),
                curves("hard-activations", "Hard-logistic and hard-tanh against their smooth versions", -4, 4, false,
                        named("logistic σ(x)", Activations.logistic()), named("hard-logistic", Activations.hardLogistic()),
                        named("tanh(x)", Activations.tanh()), named("hard-tanh", Activations.hardTanh())),
                curves("relu-family", "ReLU, leaky ReLU (γ = 0.1), ELU (γ = 1) and softplus", -3, 3, false,
                        named("ReLU", Activations.relu()), named("leaky ReLU γ=0.1", Activations.leakyRelu(0.1)),
                        named("ELU γ=1", Activations.elu(1.0)), named("softplus", Activations.softplus())),
                swish(),
                curves("gelu", "GELU: exact (erf), tanh form and sigmoid form", -4, 4, false,
                        named("GELU x·Φ(x)", Activations.gelu()), named("GELU tanh form", Activations.geluTanh()),
                        named("GELU sigmoid form x·σ(1.702x)", Activations.geluSigmoid())),
                derivatives());
    }

    /** Swish x σ(βx) for β ∈ {0, 0.5, 1, 10, 100}. */
    static LineFigure swish() {
        double[] betas = {0, 0.5, 1, 10, 100};
        Named[] named = new Named[betas.length];
        for (int i = 0; i < betas.length; i++) {
            named[i] = named("β = " + format(betas[i]), Activations.swish(betas[i]));
        }
        return curves("swish", "Swish x·σ(βx)", -4, 4, false, named);
    }

    /** σ′(x) ∈ [0, 0.25] and tanh′(x) ∈ [0, 1]: the derivatives behind vanishing gradients (docs/chapter.md §6). */
    static LineFigure derivatives() {
        double[] x = grid(-6, 6);
        INDArray z = Nd4j.createFromArray(x);
        return new LineFigure("derivatives", "Derivatives σ′(x) and tanh′(x)", "x", "f′(x)", false, List.of(
                new Series("σ′(x)", x, Activations.logistic().derivative(z).toDoubleVector()),
                new Series("tanh′(x)", x, Activations.tanh().derivative(z).toDoubleVector())));
    }

    /**
     * docs/chapter.md §6's loss surfaces of y = σ(w₂ σ(w₁ x)) at (x, y) = (1, 1), squared error and cross-entropy,
     * over (w₁, w₂) ∈ [−range, range]² on {@code points} × {@code points} grid points.
     */
    public static List<SurfaceFigure> lossSurfaces(double range, int points) {
        return List.of(
                oneOneOneSurface("loss-surface-squared-error", "Squared error of y = σ(w₂σ(w₁x)) at (x, y) = (1, 1)",
                        Losses.squaredError(Activations.logistic()), range, points),
                oneOneOneSurface("loss-surface-cross-entropy", "Cross-entropy of y = σ(w₂σ(w₁x)) at (x, y) = (1, 1)",
                        Losses.logisticCrossEntropy(), range, points));
    }

    /** The loss surface of the 1-1-1 network under {@code loss}. */
    public static SurfaceFigure oneOneOneSurface(String id, String title, Loss loss, double range, int points) {
        Network network = LossSurface.oneOneOne(loss);
        INDArray one = Nd4j.ones(network.dataType(), 1, 1);
        LossSurface.Grid grid = LossSurface.compute(network, one, one,
                new LossSurface.Axis("w₁", LossSurface.parameterDirection(network, LossSurface.weightIndex(network, 1, 0, 0)), -range, range, points),
                new LossSurface.Axis("w₂", LossSurface.parameterDirection(network, LossSurface.weightIndex(network, 2, 0, 0)), -range, range, points));
        return new SurfaceFigure(id, title, grid);
    }

    /** Per-layer ‖∂R/∂W⁽ˡ⁾‖ before and after training, one curve per activation and time. */
    public static LineFigure vanishing(List<VanishingGradientStudy.Run> runs) {
        List<Series> series = new ArrayList<>();
        for (VanishingGradientStudy.Run run : runs) {
            series.add(new Series(run.activation() + ", start", layerNumbers(run.start()), weightGradients(run.start())));
            series.add(new Series(run.activation() + ", trained", layerNumbers(run.trained()), weightGradients(run.trained())));
        }
        return new LineFigure("vanishing-gradients", "Per-layer gradient norm of a deep narrow network", "layer l (1 = input side)",
                "‖∂R/∂W⁽ˡ⁾‖_F", true, series);
    }

    /** Per-layer ‖∂R/∂W⁽ˡ⁾‖ over a training run, one curve per layer, against the global step. */
    public static LineFigure gradientHistory(List<GradientRecord> records) {
        List<Series> series = new ArrayList<>();
        if (!records.isEmpty()) {
            int layers = records.get(0).layers().size();
            double[] steps = records.stream().mapToDouble(GradientRecord::globalStep).toArray();
            for (int l = 0; l < layers; l++) {
                int layer = l;
                double[] norms = records.stream().mapToDouble(r -> r.layers().get(layer).weightGradientNorm()).toArray();
                series.add(new Series("layer " + (l + 1), steps, norms));
            }
        }
        return new LineFigure("gradient-norms", "Per-layer gradient norm during training", "step", "‖∂R/∂W⁽ˡ⁾‖_F", true, series);
    }

    /**
     * Each width's fit, then the target function last (so that it is drawn on top), sampled on a grid
     * {@value #TARGET_DENSITY} times as fine as the fits' so that its curve is smooth.
     */
    public static LineFigure approximationFits(ApproximationStudy.Result result) {
        List<Series> series = new ArrayList<>();
        for (ApproximationStudy.Fit fit : result.fits()) {
            series.add(new Series("M = " + fit.width(), result.x(), fit.prediction()));
        }
        double[] grid = result.x();
        int points = TARGET_DENSITY * (grid.length - 1) + 1;
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = grid[0] + (grid[grid.length - 1] - grid[0]) * i / (points - 1);
            y[i] = result.target().apply(x[i]);
        }
        series.add(new Series(result.target().formula(), x, y));
        return new LineFigure("approximation-fits", "One hidden layer of M logistic units fitting " + result.target().formula(),
                "x", "y", false, series);
    }

    /** RMSE and largest error against the hidden width M. */
    public static LineFigure approximationError(ApproximationStudy.Result result) {
        double[] widths = result.fits().stream().mapToDouble(ApproximationStudy.Fit::width).toArray();
        return new LineFigure("approximation-error", "Approximation error of " + result.target().formula() + " against width M",
                "hidden units M", "error", true, List.of(
                        new Series("RMSE", widths, result.fits().stream().mapToDouble(ApproximationStudy.Fit::rmse).toArray()),
                        new Series("max |error|", widths, result.fits().stream().mapToDouble(ApproximationStudy.Fit::maxError).toArray())));
    }

    private record Named(String name, Activation activation) {
    }

    private static Named named(String name, Activation activation) {
        return new Named(name, activation);
    }

    private static LineFigure curves(String id, String title, double from, double to, boolean logY, Named... functions) {
        double[] x = grid(from, to);
        INDArray z = Nd4j.createFromArray(x);
        List<Series> series = new ArrayList<>();
        for (Named f : functions) {
            series.add(new Series(f.name(), x, f.activation().apply(z).toDoubleVector()));
        }
        return new LineFigure(id, title, "x", "f(x)", logY, series);
    }

    static double[] grid(double from, double to) {
        double[] x = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = from + (to - from) * i / (POINTS - 1);
        }
        return x;
    }

    private static double[] layerNumbers(List<LayerGradient> layers) {
        return layers.stream().mapToDouble(LayerGradient::layer).toArray();
    }

    private static double[] weightGradients(List<LayerGradient> layers) {
        return layers.stream().mapToDouble(LayerGradient::weightGradientNorm).toArray();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
