package org.neuronkit.activation;

import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * SELU(z) = λ (max(0, z) + min(0, α(exp(z) − 1))) (Klambauer et al. 2017), with λ ≈ 1.0507 and
 * α ≈ 1.67326, the constants that keep zero mean and unit variance through the layers; derivative λ
 * for z &gt; 0 and λα·exp(z) otherwise. It is λ·ELU with γ = α, so it runs {@link Elu} with α and then
 * one multiplication by λ.
 *
 * <h2>Shapes</h2>
 * Element-wise: z, a, dL/da and dL/dz all have the same shape.
 */
final class Selu implements Activation {
    /** λ, the scale, to double precision. */
    static final double LAMBDA = 1.0507009873554804934193349852946;
    /** α, the negative saturation, to double precision. */
    static final double ALPHA = 1.6732632423543772848170429916717;
    private final Elu elu = new Elu(ALPHA);
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();

    @Override
    public String spec() {
        return "selu";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("selu", "λ*(max(z, 0) + min(0, α*(exp(z) - 1)))", Map.of("λ", LAMBDA, "α", ALPHA)));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        elu.forward(z, a);
        forwardOps.begin().mul(a, LAMBDA, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        elu.backward(z, a, dLda, dLdz);
        backwardOps.begin().mul(dLdz, LAMBDA, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }

    /** λ z for z &gt; 0, else λα(exp(z) − 1), in double. */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                float z = values.get(i);
                values.put(i, (float) (LAMBDA * (z > 0 ? z : ALPHA * Math.expm1(z))));
            }
        };
    }
}
