package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;

/**
 * Logistic output with binary cross-entropy (SPEC §3, the two-class classifier p(y = 1 | x) = σ(z)):
 * L = −[y log σ(z) + (1 − y) log(1 − σ(z))], summed over the C outputs (C independent binary labels).
 * Computed as softplus(z) − yz = max(z, 0) + log(1 + exp(−|z|)) − yz, stable for any z;
 * δ⁽ᴸ⁾ = (σ(z) − y)/N (SPEC §4).
 */
final class LogisticCrossEntropy implements Loss {
    private final Activation logistic = Activations.logistic();

    @Override
    public Activation outputActivation() {
        return logistic;
    }

    @Override
    public double value(INDArray z, INDArray yHat, INDArray y) {
        INDArray softplus = Transforms.abs(z, true).negi();
        Transforms.exp(softplus, false);
        Transforms.log1p(softplus, false).addi(Transforms.relu(z, true));
        return softplus.subi(y.mul(z)).sumNumber().doubleValue() / z.rows();
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
