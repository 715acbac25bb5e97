package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.CachedOp;

/**
 * ReLU(z) = max(0, z) (SPEC §1); derivative 1 for z &gt; 0, 0 otherwise.
 *
 * <p>Forward: ND4J's native {@code relu}. Backward: {@code dLdz = dLda ⊙ [z > 0]} as three
 * vectorised native ops — {@code greater} into a boolean mask, {@code cast} of the mask into
 * {@code dLdz}, an in-place {@code multiply}. ND4J's fused {@code relu_bp} does it in one pass but
 * calls a function object per element: 0.60 ms against 0.20 ms on a 256 × 1024 float batch
 * (2026-11-26, 2-core EPYC, one OpenMP thread), 5 % of a 784-1024-1024-10 training step. Unlike
 * {@code relu_bp}, a NaN or infinite {@code dLda} where z ≤ 0 reaches {@code dLdz}, where the
 * trainer's finite check sees it.
 */
final class Relu implements Activation {
    private final CachedOp fp = new CachedOp();
    private final Indicator positive = Indicator.positive();
    private final CachedOp product = new CachedOp();

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
        positive.of(z, dLdz);
        product.runBinary("multiply", dLda, dLdz, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
