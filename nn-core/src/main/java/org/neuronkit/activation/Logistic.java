package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The logistic function σ(z) = 1 / (1 + exp(−z)) (SPEC §1), with σ′(z) = σ(z)(1 − σ(z)) ∈ [0, 0.25].
 * ND4J's native {@code sigmoid} and fused {@code sigmoid_bp}.
 */
final class Logistic implements Activation {

    @Override
    public String spec() {
        return "logistic";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        Nd4j.exec(new Sigmoid(z, a));
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        Nd4j.exec(new SigmoidDerivative(z, dLda, dLdz));
    }
}
