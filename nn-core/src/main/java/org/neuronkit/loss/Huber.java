package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activation;
import org.neuronkit.ops.OpSequence;

/**
 * Huber loss with threshold δ &gt; 0 for regression: quadratic for small residuals, linear for large
 * ones, so outliers pull on the fit with a bounded force. Per output, with r = ŷ − y,
 * <pre>
 *   h_δ(r) = ½ r²            for |r| ≤ δ
 *          = δ (|r| − ½ δ)   otherwise,        L(y, ŷ) = Σ_c h_δ(r_c),
 *   h_δ′(r) = clip(r, −δ, δ),                  δ⁽ᴸ⁾ = f_L′(z) ⊙ clip(ŷ − y, −δ, δ) / N.
 * </pre>
 * h_δ is continuously differentiable, and equals the squared error ½r² while |r| ≤ δ. Shapes: z, ŷ, y
 * and δ⁽ᴸ⁾ are N × C. Spec: {@code huber(δ)}, or {@code huber(δ,activation)} after another output
 * activation than the identity.
 */
final class Huber extends ResidualLoss {
    private final double threshold;

    Huber(double threshold, Activation output) {
        super(output, NativeLossSum.huber(checked(threshold)), 1.0);
        this.threshold = threshold;
    }

    static double checked(double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new ConfigurationException("the Huber threshold δ must be a finite number > 0, got " + threshold);
        }
        return threshold;
    }

    @Override
    void derivative(OpSequence ops, INDArray r, double scale) {
        ops.max(r, -threshold, r);
        ops.min(r, threshold, r);
        ops.mul(r, scale, r);
    }

    @Override
    public LossSpec record() {
        return new HuberSpec(threshold, outputActivation().spec());
    }
}
