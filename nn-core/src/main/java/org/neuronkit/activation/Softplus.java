package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * softplus(z) = log(1 + exp(z)) (docs/chapter.md §1), whose derivative is σ(z).
 *
 * <p>Computed as max(z, 0) − log(1 − σ(−|z|)), which equals the definition (with u = σ(−|z|),
 * exp(−|z|) = u / (1 − u), so log(1 + exp(−|z|)) = −log(1 − u)) and never overflows; ND4J's
 * {@code softplus} computes log(1 + exp(z)) as written and returns infinity at z = 1000. Where
 * softplus is below the unit roundoff (z &lt; −37 in double) it comes out as 0, as libnd4j's
 * {@code log1p} is log(1 + x). Native ops in an {@link OpSequence}: nothing is allocated per call.
 */
final class Softplus implements Activation {
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private final Scratch tail = new Scratch();

    @Override
    public String spec() {
        return "softplus";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("softplus", "max(z, 0) + log(1 + exp(-abs(z)))"));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        OpSequence ops = forwardOps.begin();
        INDArray t = tail.like(z);
        ops.mul(z, -1, t);
        ops.min(z, t, t);              // −|z|
        ops.sigmoid(t, t);             // u = σ(−|z|)
        ops.mul(t, -1, t);
        ops.unary("log1p", t, t);      // log(1 − u) = −log(1 + exp(−|z|))
        ops.max(z, 0, a);
        ops.sub(a, t, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        ops.sigmoid(z, dLdz);
        ops.mul(dLdz, dLda, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }

    /** max(z, 0) + log(1 + exp(−|z|)), in double. */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                float z = values.get(i);
                values.put(i, (float) (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)))));
            }
        };
    }
}
