package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.activation.Activation;
import org.neuronkit.ops.OpSequence;

/**
 * A regression loss of the residual r = ŷ − y, summed over the outputs: L(y, ŷ) = Σ_c ρ(r_c), after
 * any output activation ŷ = f_L(z). The error term of the output layer is
 * δ⁽ᴸ⁾ = f_L′(z) ⊙ ρ′(r)/N; a subclass gives ρ (as a fused libnd4j loss op) and ρ′.
 *
 * <h2>Shapes</h2>
 * z, ŷ, y, r and δ are N × C.
 */
abstract class ResidualLoss implements Loss {
    private final Activation output;
    private final NativeLossSum sum;
    private final double valueScale;
    private final OpSequence deltaOps = new OpSequence();
    private INDArray residual;

    /** The loss value is {@code valueScale} × the sum {@code sum} computes, over N. */
    ResidualLoss(Activation output, NativeLossSum sum, double valueScale) {
        this.output = output;
        this.sum = sum;
        this.valueScale = valueScale;
    }

    @Override
    public final Activation outputActivation() {
        return output;
    }

    @Override
    public final double value(INDArray z, INDArray yHat, INDArray y) {
        return valueScale * sum.sum(y, yHat) / z.rows();
    }

    @Override
    public final void delta(INDArray z, INDArray yHat, INDArray y, INDArray delta) {
        if (residual == null || !residual.equalShapes(z) || residual.dataType() != z.dataType()) {
            residual = z.ulike();
        }
        OpSequence ops = deltaOps.begin();
        ops.sub(yHat, y, residual);
        derivative(ops, residual, 1.0 / z.rows());
        output.backward(z, yHat, residual, delta);
    }

    /** Overwrites the residual r (N × C) with scale · ρ′(r), element by element, through {@code ops}. */
    abstract void derivative(OpSequence ops, INDArray r, double scale);
}
