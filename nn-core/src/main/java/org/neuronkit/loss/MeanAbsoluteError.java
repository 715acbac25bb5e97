package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.activation.Activation;
import org.neuronkit.ops.OpSequence;

/**
 * Mean absolute error for regression: per sample L(y, ŷ) = ‖ŷ − y‖₁ = Σ_c |ŷ_c − y_c|, averaged over
 * the N rows of a batch. Its gradient is the sign of the residual,
 * δ⁽ᴸ⁾ = f_L′(z) ⊙ sign(ŷ − y) / N, with sign(0) = 0 (a subgradient where the loss has its kink).
 * The sign comes from libnd4j's {@code reduce_norm1_bp}, the gradient of ‖r‖₁ scaled by 1/N. Shapes:
 * z, ŷ, y and δ⁽ᴸ⁾ are N × C. Spec: {@code mae}, or {@code mae(activation)} after another output
 * activation than the identity.
 */
final class MeanAbsoluteError extends ResidualLoss {

    MeanAbsoluteError(Activation output) {
        super(output, NativeLossSum.absoluteDifference(), 1.0);
    }

    @Override
    void derivative(OpSequence ops, INDArray r, double scale) {
        ops.op("reduce_norm1_bp").in(r).in(scale).out(r).run();
    }

    @Override
    public LossSpec record() {
        return new MaeSpec(outputActivation().spec());
    }
}
