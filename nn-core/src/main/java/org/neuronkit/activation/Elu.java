package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.EluBp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ELU;
import org.neuronkit.ops.CachedOp;

/**
 * ELU(z) = max(0, z) + min(0, γ(exp(z) − 1)) (SPEC §1); derivative 1 for z &gt; 0 and γ·exp(z)
 * otherwise. ND4J's {@code elu} and fused {@code elu_bp} with α = γ.
 */
final class Elu implements Activation {
    private final CachedOp fp = new CachedOp();
    private final CachedOp bp = new CachedOp();
    private final double gamma;

    Elu(double gamma) {
        this.gamma = Activations.requireInRange("elu", "γ", gamma, 0.0, Double.MAX_VALUE);
    }

    @Override
    public String spec() {
        return "elu(" + gamma + ")";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        if (fp.stale(z, a)) {
            fp.prepare(new ELU(z, a, gamma), z, a);
        }
        fp.run();
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        if (bp.stale(z, dLda, dLdz)) {
            bp.prepare(new EluBp(z, dLda, dLdz, gamma), z, dLda, dLdz);
        }
        bp.run();
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
