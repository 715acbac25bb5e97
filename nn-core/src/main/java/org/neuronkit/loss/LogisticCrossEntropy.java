package org.neuronkit.loss;

import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.SigmoidCrossEntropyLoss;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;

/**
 * Logistic output with binary cross-entropy (SPEC §3, the two-class classifier p(y = 1 | x) = σ(z)):
 * L = −[y log σ(z) + (1 − y) log(1 − σ(z))], summed over the C outputs (C independent binary labels).
 * Computed from the logits as max(z, 0) − yz + log(1 + exp(−|z|)) (ND4J's fused
 * {@code sigm_cross_entropy_loss}), stable for any z;
 * δ⁽ᴸ⁾ = (σ(z) − y)/N (SPEC §4).
 */
final class LogisticCrossEntropy implements Loss {
    private final Activation logistic = Activations.logistic();
    private final NativeLossSum sum = new NativeLossSum();

    @Override
    public Activation outputActivation() {
        return logistic;
    }

    @Override
    public double value(INDArray z, INDArray yHat, INDArray y) {
        INDArray weight = sum.unitWeight(z.dataType());
        return sum.run(new SigmoidCrossEntropyLoss(y, z, weight, LossReduce.SUM, 0.0)) / z.rows();
    }

    @Override
    public void delta(INDArray z, INDArray yHat, INDArray y, INDArray delta) {
        delta.assign(yHat).subi(y).divi(z.rows());
    }

    @Override
    public String spec() {
        return "logistic-cross-entropy";
    }
}
