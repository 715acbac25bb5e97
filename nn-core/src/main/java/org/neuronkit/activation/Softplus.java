package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * softplus(z) = log(1 + exp(z)) (SPEC §1), whose derivative is σ(z).
 *
 * <p>Computed as max(z, 0) + log(1 + exp(−|z|)), which equals the definition and never overflows
 * (ND4J's {@code softplus} returns infinity at z = 1000).
 */
final class Softplus implements Activation {
    private final Scratch relu = new Scratch();

    @Override
    public String spec() {
        return "softplus";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        a.assign(z);
        Transforms.abs(a, false).negi();
        Transforms.exp(a, false);
        Transforms.log1p(a, false);
        INDArray positivePart = relu.like(z).assign(z);
        Transforms.relu(positivePart, false);
        a.addi(positivePart);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        Nd4j.exec(new Sigmoid(z, dLdz));
        dLdz.muli(dLda);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
