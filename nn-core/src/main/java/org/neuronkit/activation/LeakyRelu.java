package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.LeakyReLUBp;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.CachedOp;

/**
 * Leaky ReLU(z) = max(z, γz) (SPEC §1) for 0 ≤ γ &lt; 1: z for z &gt; 0, γz otherwise.
 * ND4J's {@code leakyrelu} and fused {@code leakyrelu_bp}.
 */
final class LeakyRelu implements Activation {
    private final CachedOp bp = new CachedOp();
    private final double gamma;

    LeakyRelu(double gamma) {
        this.gamma = Activations.requireInRange("leakyrelu", "γ", gamma, 0.0, 1.0);
    }

    @Override
    public String spec() {
        return "leakyrelu(" + gamma + ")";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        // legacy op: libnd4j's custom lrelu rounds γ to float even for double arrays
        Nd4j.exec(new LeakyReLU(z, a, gamma));
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
