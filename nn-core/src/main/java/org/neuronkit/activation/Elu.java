package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * ELU(z) = max(0, z) + min(0, γ(exp(z) − 1)) (docs/chapter.md §1); derivative 1 for z &gt; 0 and γ·exp(z)
 * otherwise. ND4J's {@code elu} and fused {@code elu_bp} with α = γ (the form a + γ from the forward
 * output would lose γeᶻ to cancellation in float).
 */
final class Elu implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
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
        forwardOps.begin().op("elu").in(z).out(a).t(gamma).run();
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        backwardOps.begin().op("elu_bp").in(z).in(dLda).out(dLdz).t(gamma).run();
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }

    /** z for z &gt; 0, else γ(exp(z) − 1), in double. */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                float z = values.get(i);
                values.put(i, z > 0 ? z : (float) (gamma * Math.expm1(z)));
            }
        };
    }
}
