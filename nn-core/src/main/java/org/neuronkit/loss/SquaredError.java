package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.activation.Activation;
import org.neuronkit.ops.OpSequence;

/**
 * Squared error L(y, ŷ) = ½‖y − ŷ‖² (docs/chapter.md §3), with any output activation (identity for regression,
 * logistic for the chapter's 1-1-1 network). δ⁽ᴸ⁾ = f_L′(z) ⊙ (ŷ − y)/N.
 */
final class SquaredError extends ResidualLoss {
    SquaredError(Activation output) {
        super(output, NativeLossSum.meanSquaredError(), 0.5);
    }

    @Override
    void derivative(OpSequence ops, INDArray r, double scale) {
        ops.mul(r, scale, r);
    }

    @Override
    public LossSpec record() {
        return new SquaredErrorSpec(outputActivation().spec());
    }
}
