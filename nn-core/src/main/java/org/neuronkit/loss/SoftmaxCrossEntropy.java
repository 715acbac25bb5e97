package org.neuronkit.loss;

import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.SoftmaxCrossEntropyLoss;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;

/**
 * Softmax output with cross-entropy, L(y, ŷ) = −yᵀ log ŷ (SPEC §3), for one-hot (or probability) rows
 * y. Computed from the net input as L = logsumexp(z) − yᵀz (ND4J's fused
 * {@code softmax_cross_entropy_loss} on the logits), which never takes the log of a zero probability;
 * δ⁽ᴸ⁾ = (ŷ − y)/N (SPEC §4).
 */
final class SoftmaxCrossEntropy implements Loss {
    private final Activation softmax = Activations.softmax();
    private final NativeLossSum sum = new NativeLossSum();

    @Override
    public Activation outputActivation() {
        return softmax;
    }

    @Override
    public double value(INDArray z, INDArray yHat, INDArray y) {
        INDArray weight = sum.unitWeight(z.dataType());
        return sum.run(new SoftmaxCrossEntropyLoss(y, z, weight, LossReduce.SUM, 0.0)) / z.rows();
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
