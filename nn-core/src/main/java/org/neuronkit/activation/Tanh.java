package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * tanh(z) = (eᶻ − e⁻ᶻ) / (eᶻ + e⁻ᶻ) = 2σ(2z) − 1 (docs/chapter.md §1), with tanh′(z) = 1 − tanh²(z) ∈ [0, 1].
 * Forward: ND4J's native {@code tanh}. Backward from the forward output, 1 − a², as three vectorised
 * native ops: ND4J's {@code tanh_bp} computes tanh(z) again, which costs more than all three
 * (benchmarks/README.md, activation table).
 */
final class Tanh implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();

    @Override
    public String spec() {
        return "tanh";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("tanh", "tanh(z)"));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        forwardOps.begin().tanh(z, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        ops.mul(a, a, dLdz);
        ops.rsub(1, dLdz, dLdz);       // 1 − a²
        ops.mul(dLdz, dLda, dLdz);
    }

    /** tanh(z), in double. */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                values.put(i, (float) Math.tanh(values.get(i)));
            }
        };
    }
}
