package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;

/**
 * Softmax output with cross-entropy, L(y, ŷ) = −yᵀ log ŷ (SPEC §3), for one-hot (or probability) rows
 * y. Computed from the net input as L = logsumexp(z) − yᵀz, which never takes the log of a zero
 * probability; δ⁽ᴸ⁾ = (ŷ − y)/N (SPEC §4).
 */
final class SoftmaxCrossEntropy implements Loss {
    private final Activation softmax = Activations.softmax();

    @Override
    public Activation outputActivation() {
        return softmax;
    }

    @Override
    public double value(INDArray z, INDArray yHat, INDArray y) {
        INDArray rowMax = z.max(1);
        INDArray shifted = z.subColumnVector(rowMax);
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, false).sum(1), false).addi(rowMax);
        // logsumexp(z) − yᵀz, with Σ y = 1 for each row
        INDArray yz = y.mul(z).sum(1);
        return logSumExp.muli(y.sum(1)).subi(yz).meanNumber().doubleValue();
    }

    @Override
    public void delta(INDArray z, INDArray yHat, INDArray y, INDArray delta) {
        delta.assign(yHat).subi(y).divi(z.rows());
    }

    @Override
    public String spec() {
        return "softmax-cross-entropy";
    }
}
