package org.neuronkit.loss;

import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.MeanSquaredErrorLoss;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activation;
import org.neuronkit.ops.CachedOp;

/**
 * Squared error L(y, ŷ) = ½‖y − ŷ‖² (SPEC §3), with any output activation (identity for regression,
 * logistic for the chapter's 1-1-1 network). δ⁽ᴸ⁾ = f_L′(z) ⊙ (ŷ − y)/N.
 */
final class SquaredError implements Loss {
    private final Activation output;
    private final NativeLossSum sum = new NativeLossSum((y, p, weight) -> new MeanSquaredErrorLoss(y, p, weight, LossReduce.SUM));
    private INDArray residual;
    private INDArray perRow;
    private final CachedOp difference = new CachedOp();
    private final CachedOp mean = new CachedOp();

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
            perRow = Nd4j.scalar(z.dataType(), 1.0 / z.rows());
        }
        difference.runBinary("subtract", yHat, y, residual);
        mean.runBinary("multiply", residual, perRow, residual);
        output.backward(z, yHat, residual, delta);
    }

    @Override
    public String spec() {
        return "squared-error(" + output.spec() + ")";
    }
}
