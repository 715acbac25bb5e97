package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.HardTanhBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.HardTanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * hard-tanh(z) = max(min(z, 1), −1) (SPEC §1), derivative 1 on (−1, 1) and 0 outside.
 * ND4J's {@code hardtanh} and fused {@code hardtanh_bp} compute exactly this.
 */
final class HardTanhActivation implements Activation {

    @Override
    public String spec() {
        return "hardtanh";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        Nd4j.exec(new HardTanh(z, a));
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        Nd4j.exec(new HardTanhBp(z, dLda, dLdz));
    }
}
