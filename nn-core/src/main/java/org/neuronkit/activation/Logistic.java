package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * The logistic function σ(z) = 1 / (1 + exp(−z)) (docs/chapter.md §1), with σ′(z) = σ(z)(1 − σ(z)) ∈ [0, 0.25].
 * Forward: ND4J's native {@code sigmoid}. Backward from the forward output, σ′ = a(1 − a), as three
 * vectorised native ops: ND4J's {@code sigmoid_bp} computes σ(z) again, which costs more than all
 * three (benchmarks/README.md, activation table).
 */
final class Logistic implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();

    @Override
    public String spec() {
        return "logistic";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("logistic", "sigma(z)"));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        forwardOps.begin().sigmoid(z, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        ops.rsub(1, a, dLdz);          // 1 − a
        ops.mul(dLdz, a, dLdz);        // a (1 − a)
        ops.mul(dLdz, dLda, dLdz);
    }

    /** 1 / (1 + exp(−z)), in double. */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                values.put(i, (float) (1 / (1 + Math.exp(-values.get(i)))));
            }
        };
    }
}
