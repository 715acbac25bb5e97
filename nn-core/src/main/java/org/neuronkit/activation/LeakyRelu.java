package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.neuronkit.ops.CachedOp;
import org.neuronkit.ops.Constant;

/**
 * Leaky ReLU(z) = max(z, γz) (SPEC §1) for 0 ≤ γ &lt; 1: z for z &gt; 0, γz otherwise.
 *
 * <p>Forward as written, {@code multiply} by γ then {@code maximum} with z: two vectorised native ops,
 * with γ exact in double precision (libnd4j's custom {@code lrelu} rounds γ to float, and its legacy
 * op builds its arguments anew on every call). Backward: ND4J's fused {@code leakyrelu_bp}.
 */
final class LeakyRelu implements Activation {
    private final CachedOp scaled = new CachedOp();
    private final CachedOp larger = new CachedOp();
    private final CachedOp bp = new CachedOp();
    private final double gamma;
    private final Constant gammaScalar;

    LeakyRelu(double gamma) {
        this.gamma = Activations.requireInRange("leakyrelu", "γ", gamma, 0.0, 1.0);
        this.gammaScalar = new Constant(gamma);
    }

    @Override
    public String spec() {
        return "leakyrelu(" + gamma + ")";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        scaled.runBinary("multiply", z, gammaScalar.of(z.dataType()), a);
        larger.runBinary("maximum", z, a, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        if (bp.stale(z, dLda, dLdz)) {
            bp.prepare(new LeakyReLUBp(z, dLda, dLdz, gamma), z, dLda, dLdz);
        }
        bp.run();
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
