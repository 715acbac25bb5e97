package org.neuronkit.activation;

import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * GELU, tanh form (docs/chapter.md §1): ½ z (1 + tanh(u)), u = √(2/π)(z + 0.044715 z³).
 * Derivative ½(1 + tanh u) + ½ z (1 − tanh² u) √(2/π)(1 + 3·0.044715 z²).
 *
 * <p>Composed as written from native ops ({@link OpSequence}): nothing is allocated per call. Squares
 * are products (libnd4j's {@code square} op is slower than {@code multiply(z, z)}).
 */
final class GeluTanh implements Activation {
    private static final double C = Math.sqrt(2.0 / Math.PI);
    /** The cubic term's coefficient. */
    static final double K = 0.044715;
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private final Scratch tanh = new Scratch();
    private final Scratch sech2 = new Scratch();

    @Override
    public String spec() {
        return "gelu-tanh";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("gelu-tanh", "0.5*z*(1 + tanh(c*(z + k*z^3)))", Map.of("c", C, "k", K)));
    }

    /** out = tanh(√(2/π)(z + K z³)) = tanh(√(2/π) z (1 + K z²)). */
    private static void tanhOfU(OpSequence ops, INDArray z, INDArray out) {
        ops.mul(z, z, out);
        ops.mul(out, K, out);
        ops.add(out, 1, out);
        ops.mul(out, z, out);
        ops.mul(out, C, out);
        ops.tanh(out, out);
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        OpSequence ops = forwardOps.begin();
        tanhOfU(ops, z, a);
        ops.add(a, 1, a);
        ops.mul(a, z, a);
        ops.mul(a, 0.5, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        INDArray t = tanh.like(z);
        tanhOfU(ops, z, t);
        // ½ z (1 − t²) √(2/π)(1 + 3K z²) into dLdz
        ops.mul(z, z, dLdz);
        ops.mul(dLdz, 3 * K, dLdz);
        ops.add(dLdz, 1, dLdz);
        ops.mul(dLdz, 0.5 * C, dLdz);
        ops.mul(dLdz, z, dLdz);
        INDArray s = sech2.like(z);
        ops.mul(t, t, s);
        ops.rsub(1, s, s);
        ops.mul(dLdz, s, dLdz);
        // + ½ (1 + t), then ⊙ dL/da
        ops.add(t, 1, t);
        ops.mul(t, 0.5, t);
        ops.add(dLdz, t, dLdz);
        ops.mul(dLdz, dLda, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }

    /** ½ z (1 + tanh(√(2/π) z (1 + K z²))), in double. */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                double z = values.get(i);
                values.put(i, (float) (0.5 * z * (1 + Math.tanh(C * z * (1 + K * z * z)))));
            }
        };
    }
}
