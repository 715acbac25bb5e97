package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * hard-tanh(z) = max(min(z, 1), −1) (docs/chapter.md §1), derivative 1 on (−1, 1) and 0 outside.
 * Forward: ND4J's {@code hardtanh}. Backward: dLda ⊙ [−1 &lt; z &lt; 1] by comparisons ({@link Indicator});
 * ND4J's fused {@code hardtanh_bp} calls a function object per element, which is many times slower
 * (benchmarks/README.md, activation table).
 */
final class HardTanhActivation implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private final Indicator inside = Indicator.between(-1, 1);

    @Override
    public String spec() {
        return "hardtanh";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("hardtanh", "max(min(z, 1), -1)"));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        forwardOps.begin().unary("hardtanh", z, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        inside.of(ops, z, dLdz);
        ops.mul(dLdz, dLda, dLdz);
    }

    /** max(min(z, 1), −1). */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                values.put(i, Math.max(-1f, Math.min(1f, values.get(i))));
            }
        };
    }
}
