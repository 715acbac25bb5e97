package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ReLU(z) = max(0, z) (SPEC §1); derivative 1 for z &gt; 0, 0 otherwise.
 * ND4J's native {@code relu} and fused {@code relu_bp}.
 */
final class Relu implements Activation {

    @Override
    public String spec() {
        return "relu";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        Nd4j.exec(new RectifiedLinear(z, a, 0.0));
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        Nd4j.exec(new RectifiedLinearDerivative(z, dLda, dLdz));
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
