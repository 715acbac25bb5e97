package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * ReLU(z) = max(0, z) (docs/chapter.md §1); derivative 1 for z &gt; 0, 0 otherwise.
 *
 * <p>Forward: ND4J's native {@code relu}. Backward: {@code dLdz = dLda ⊙ [z > 0]} as three
 * vectorised native ops — {@code greater} into a boolean mask, {@code cast} of the mask into
 * {@code dLdz}, an in-place {@code multiply}. ND4J's fused {@code relu_bp} does it in one pass but
 * calls a function object per element, which makes it about three times slower
 * (benchmarks/README.md, activation table). Unlike {@code relu_bp}, a NaN or infinite {@code dLda}
 * where z ≤ 0 reaches {@code dLdz}, where the trainer's finite check sees it.
 */
final class Relu implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private final Indicator positive = Indicator.positive();

    @Override
    public String spec() {
        return "relu";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("relu", "max(z, 0)"));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        forwardOps.begin().relu(z, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        positive.of(ops, z, dLdz);
        ops.mul(dLda, dLdz, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }

    /** max(0, z). */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                values.put(i, Math.max(0f, values.get(i)));
            }
        };
    }
}
