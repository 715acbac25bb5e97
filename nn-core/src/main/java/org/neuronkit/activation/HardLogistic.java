package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * hard-logistic(z) = max(min(0.25z + 0.5, 1), 0) (docs/chapter.md §1): the first-order Taylor expansion of σ at 0,
 * clipped to [0, 1]. Its derivative is 0.25 on (−2, 2) and 0 outside.
 *
 * <p>ND4J's own {@code hard_sigmoid} uses slope 0.2, so this is composed as written from native ops
 * ({@link OpSequence}): nothing is allocated per call.
 */
final class HardLogistic implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private final Indicator inside = Indicator.between(-2, 2);

    @Override
    public String spec() {
        return "hardlogistic";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("hardlogistic", "max(min(0.25*z + 0.5, 1), 0)"));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        OpSequence ops = forwardOps.begin();
        ops.mul(z, 0.25, a);
        ops.add(a, 0.5, a);
        ops.max(a, 0, a);
        ops.min(a, 1, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        inside.of(ops, z, dLdz);       // [−2 < z < 2]
        ops.mul(dLdz, dLda, dLdz);
        ops.mul(dLdz, 0.25, dLdz);
    }

    /** max(min(0.25z + 0.5, 1), 0). */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                values.put(i, Math.min(Math.max(0.25f * values.get(i) + 0.5f, 0f), 1f));
            }
        };
    }
}
