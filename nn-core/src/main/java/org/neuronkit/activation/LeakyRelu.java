package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * Leaky ReLU(z) = max(z, γz) (docs/chapter.md §1) for 0 ≤ γ &lt; 1: z for z &gt; 0, γz otherwise.
 *
 * <p>Forward as written, {@code multiply} by γ then {@code maximum} with z: two vectorised native ops,
 * with γ exact in double precision (libnd4j's custom {@code lrelu} rounds γ to float). Backward:
 * dLda ⊙ (γ + (1 − γ)[z &gt; 0]) by comparison ({@link Indicator}); ND4J's fused {@code leakyrelu_bp}
 * calls a function object per element, which is many times slower (benchmarks/README.md, activation table).
 */
final class LeakyRelu implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private final Indicator positive = Indicator.positive();
    private final double gamma;

    LeakyRelu(double gamma) {
        this.gamma = Activations.requireInRange("leakyrelu", "γ", gamma, 0.0, 1.0);
    }

    @Override
    public String spec() {
        return "leakyrelu(" + gamma + ")";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("leakyrelu", "max(z, γ*z)").parameter("γ", gamma));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        OpSequence ops = forwardOps.begin();
        ops.mul(z, gamma, a);
        ops.max(z, a, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        positive.of(ops, z, dLdz);
        ops.mul(dLdz, 1 - gamma, dLdz);
        ops.add(dLdz, gamma, dLdz);
        ops.mul(dLdz, dLda, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }

    /** max(z, γz). */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                float z = values.get(i);
                values.put(i, Math.max(z, (float) (gamma * z)));
            }
        };
    }
}
