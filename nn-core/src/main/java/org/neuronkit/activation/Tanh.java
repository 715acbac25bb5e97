package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.TanhDerivative;
import org.neuronkit.ops.CachedOp;

/**
 * tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ) = 2σ(2z) − 1 (SPEC §1), with tanh′(z) = 1 − tanh²(z) ∈ [0, 1].
 * ND4J's native {@code tanh} and fused {@code tanh_bp}.
 */
final class Tanh implements Activation {
    private final CachedOp fp = new CachedOp();
    private final CachedOp bp = new CachedOp();

    @Override
    public String spec() {
        return "tanh";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        if (fp.stale(z, a)) {
            fp.prepare(CachedOp.elementwise("tanh", z, a), z, a);
        }
        fp.run();
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        if (bp.stale(z, dLda, dLdz)) {
            bp.prepare(new TanhDerivative(z, dLda, dLdz), z, dLda, dLdz);
        }
        bp.run();
    }
}
