package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.neuronkit.ops.CachedOp;

/**
 * softmax(z)_c = exp(z_c) / Σ_k exp(z_k), over each row (SPEC §1, §3: the output of a C-class
 * classifier). Not element-wise: {@link #backward} is the vector-Jacobian product
 * {@code dLdz = a ⊙ (dLda − Σ_c dLda_c a_c)} per row. ND4J's {@code softmax} subtracts the row
 * maximum first, so it is stable for large inputs.
 */
final class Softmax implements Activation {
    private final CachedOp fp = new CachedOp();
    private final CachedOp bp = new CachedOp();

    @Override
    public String spec() {
        return "softmax";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        if (fp.stale(z, a)) {
            fp.prepare(new SoftMax(z, a, 1), z, a);
        }
        fp.run();
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        if (bp.stale(z, dLda, dLdz)) {
            bp.prepare(new SoftmaxBp(z, dLda, dLdz, 1), z, dLda, dLdz);
        }
        bp.run();
    }
}
