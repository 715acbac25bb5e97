package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.neuronkit.ops.CachedOp;

/**
 * ReLU(z) = max(0, z) (SPEC §1); derivative 1 for z &gt; 0, 0 otherwise.
 * ND4J's native {@code relu} and fused {@code relu_bp}.
 */
final class Relu implements Activation {
    private final CachedOp fp = new CachedOp();
    private final CachedOp bp = new CachedOp();

    @Override
    public String spec() {
        return "relu";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        if (fp.stale(z, a)) {
            fp.prepare(CachedOp.elementwise("relu", z, a, 0.0), z, a);
        }
        fp.run();
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        if (bp.stale(z, dLda, dLdz)) {
            bp.prepare(new RectifiedLinearDerivative(z, dLda, dLdz), z, dLda, dLdz);
        }
        bp.run();
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
