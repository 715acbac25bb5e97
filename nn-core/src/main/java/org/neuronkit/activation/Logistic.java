package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.neuronkit.ops.CachedOp;

/**
 * The logistic function σ(z) = 1 / (1 + exp(−z)) (SPEC §1), with σ′(z) = σ(z)(1 − σ(z)) ∈ [0, 0.25].
 * ND4J's native {@code sigmoid} and fused {@code sigmoid_bp}.
 */
final class Logistic implements Activation {
    private final CachedOp fp = new CachedOp();
    private final CachedOp bp = new CachedOp();

    @Override
    public String spec() {
        return "logistic";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        if (fp.stale(z, a)) {
            fp.prepare(CachedOp.elementwise("sigmoid", z, a), z, a);
        }
        fp.run();
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        if (bp.stale(z, dLda, dLdz)) {
            bp.prepare(new SigmoidDerivative(z, dLda, dLdz), z, dLda, dLdz);
        }
        bp.run();
    }
}
