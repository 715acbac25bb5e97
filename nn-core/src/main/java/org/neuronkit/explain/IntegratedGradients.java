package org.neuronkit.explain;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.serve.Predictor;

/**
 * Integrated gradients (Sundararajan, Taly and Yan 2017): the attribution of a prediction F(x) to
 * input feature i, measured from a baseline x′,
 * <pre>
 *   IG_i(x) = (x_i − x′_i) · ∫₀¹ ∂F(x′ + α (x − x′))/∂x_i dα,
 * </pre>
 * with F = ŷ_c, the output of class c ({@link Predictor#gradient}: the probability for a
 * classifier, in raw input units). Along the straight path the gradient theorem gives completeness,
 * Σ_i IG_i = F(x) − F(x′).
 *
 * <p>The integral is the composite trapezoid rule on m steps, α_k = k/m:
 * ∫₀¹ g(α) dα ≈ (1/m) (g(0)/2 + g(α₁) + … + g(α_{m−1}) + g(1)/2), exact for a g linear between
 * nodes. For a ReLU network F is piecewise smooth along the path, and the rule's error falls as 1/m²
 * on each smooth piece. The m + 1 points of a row are one batch of {@link Predictor#gradient}.
 *
 * <h2>Shapes</h2>
 * x is N × F raw rows; the attributions are N × F.
 */
final class IntegratedGradients {
    private final Predictor predictor;
    private final int steps;

    IntegratedGradients(Predictor predictor, int steps) {
        if (steps < 1) {
            throw new ConfigurationException("integrated gradients need at least 1 step, got " + steps);
        }
        this.predictor = predictor;
        this.steps = steps;
    }

    /** The attributions of each row of x to the class {@code classes[n]}, from {@code baseline}. */
    Attributions explain(INDArray x, Baseline baseline, int[] classes) {
        int features = predictor.inputSize();
        INDArray from = baseline.row(features);
        INDArray rows = x.castTo(DataType.DOUBLE);
        INDArray values = Nd4j.zeros(DataType.DOUBLE, rows.rows(), features);
        double[] outputs = new double[classes.length];
        double[] baselineOutputs = new double[classes.length];
        INDArray weights = trapezoidWeights();
        INDArray alphas = alphas();
        INDArray baselineOutput = predictor.output(from);
        for (int n = 0; n < classes.length; n++) {
            INDArray row = rows.getRow(n, true);
            INDArray difference = row.sub(from);
            INDArray path = alphas.mmul(difference).addiRowVector(from);   // (m + 1) × F: x′ + α_k (x − x′)
            int[] target = new int[steps + 1];
            java.util.Arrays.fill(target, classes[n]);
            INDArray gradients = predictor.gradient(path, target).castTo(DataType.DOUBLE);
            values.putRow(n, weights.mmul(gradients).muli(difference));
            outputs[n] = predictor.output(row).getDouble(0, classes[n]);
            baselineOutputs[n] = baselineOutput.getDouble(0, classes[n]);
        }
        return new Attributions(values, classes.clone(), outputs, baselineOutputs, steps);
    }

    /** (m + 1) × 1: the nodes α_k = k/m. */
    private INDArray alphas() {
        double[][] alphas = new double[steps + 1][1];
        for (int k = 0; k <= steps; k++) {
            alphas[k][0] = (double) k / steps;
        }
        return Nd4j.createFromArray(alphas);
    }

    /** 1 × (m + 1): the trapezoid weights (1/m)(½, 1, …, 1, ½). */
    private INDArray trapezoidWeights() {
        INDArray weights = Nd4j.ones(DataType.DOUBLE, 1, steps + 1).divi(steps);
        weights.putScalar(0, 0, 0.5 / steps);
        weights.putScalar(0, steps, 0.5 / steps);
        return weights;
    }
}
