package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * ELU(z) = max(0, z) + min(0, γ(exp(z) − 1)) (docs/chapter.md §1); derivative 1 for z &gt; 0 and γ·exp(z)
 * otherwise. Forward: ND4J's {@code elu} with α = γ. Backward: ND4J's fused {@code elu_bp} with α = γ, which
 * rounds α to float: exact enough for float data, a relative error of 3e-8 in double (the formula test caught
 * it). So double data takes γ·{@code elu_bp}(α = 1) + (1 − γ)[z &gt; 0] instead, with γ exact (five more
 * vectorised ops). The form a + γ from the forward output would lose γeᶻ to cancellation in float.
 */
final class Elu implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private final Scratch mask = new Scratch();
    private final Indicator positive = Indicator.positive();
    private final double gamma;

    Elu(double gamma) {
        this.gamma = Activations.requireInRange("elu", "γ", gamma, 0.0, Double.MAX_VALUE);
    }

    @Override
    public String spec() {
        return "elu(" + gamma + ")";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("elu", "max(z, 0) + min(0, γ*(exp(z) - 1))").parameter("γ", gamma));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        forwardOps.begin().op("elu").in(z).out(a).t(gamma).run();
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        if (z.dataType() != DataType.DOUBLE) {
            ops.op("elu_bp").in(z).in(dLda).out(dLdz).t(gamma).run();   // γ rounded to float: exact enough below double
            return;
        }
        ops.op("elu_bp").in(z).in(dLda).out(dLdz).t(1.0).run();       // dLda ⊙ ([z > 0] + [z ≤ 0] exp(z)), α = 1 exact in float
        ops.mul(dLdz, gamma, dLdz);
        INDArray positivePart = mask.like(z);
        positive.of(ops, z, positivePart);
        ops.mul(positivePart, 1 - gamma, positivePart);
        ops.mul(positivePart, dLda, positivePart);
        ops.add(dLdz, positivePart, dLdz);                            // dLda ⊙ ([z > 0] + γ [z ≤ 0] exp(z))
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
