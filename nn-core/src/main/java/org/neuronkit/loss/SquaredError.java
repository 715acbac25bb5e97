package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.activation.Activation;
import org.neuronkit.ops.OpSequence;

/**
 * Squared error L(y, ŷ) = ½‖y − ŷ‖² (docs/chapter.md §3), with any output activation (identity for regression,
 * logistic for the chapter's 1-1-1 network). δ⁽ᴸ⁾ = f_L′(z) ⊙ (ŷ − y)/N.
 */
final class SquaredError implements Loss {
    private final Activation output;
    private final NativeLossSum sum = NativeLossSum.meanSquaredError();
    private final OpSequence deltaOps = new OpSequence();
    private INDArray residual;

    SquaredError(Activation output) {
        this.output = output;
    }

    @Override
    public Activation outputActivation() {
        return output;
    }

    @Override
    public double value(INDArray z, INDArray yHat, INDArray y) {
        return 0.5 * sum.sum(y, yHat) / z.rows();
    }

    @Override
    public void delta(INDArray z, INDArray yHat, INDArray y, INDArray delta) {
        if (residual == null || !residual.equalShapes(z) || residual.dataType() != z.dataType()) {
            residual = z.ulike();
        }
        OpSequence ops = deltaOps.begin();
        ops.sub(yHat, y, residual);
        ops.mul(residual, 1.0 / z.rows(), residual);
        output.backward(z, yHat, residual, delta);
    }

    @Override
    public String spec() {
        return "squared-error(" + output.spec() + ")";
    }
}
