package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.HardTanhBp;
import org.neuronkit.ops.CachedOp;

/**
 * hard-tanh(z) = max(min(z, 1), −1) (SPEC §1), derivative 1 on (−1, 1) and 0 outside.
 * ND4J's {@code hardtanh} and fused {@code hardtanh_bp} compute exactly this.
 */
final class HardTanhActivation implements Activation {
    private final CachedOp fp = new CachedOp();
    private final CachedOp bp = new CachedOp();

    @Override
    public String spec() {
        return "hardtanh";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        if (fp.stale(z, a)) {
            fp.prepare(CachedOp.elementwise("hardtanh", z, a), z, a);
        }
        fp.run();
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        if (bp.stale(z, dLda, dLdz)) {
            bp.prepare(new HardTanhBp(z, dLda, dLdz), z, dLda, dLdz);
        }
        bp.run();
    }
}
