package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GELU, tanh form (SPEC §1): ½ z (1 + tanh(u)), u = √(2/π)(z + 0.044715 z³).
 * Derivative ½(1 + tanh u) + ½ z (1 − tanh² u) √(2/π)(1 + 3·0.044715 z²).
 */
final class GeluTanh implements Activation {
    private static final double C = Math.sqrt(2.0 / Math.PI);
    private static final double K = 0.044715;
    private final Scratch tanh = new Scratch();
    private final Scratch sech2 = new Scratch();

    @Override
    public String spec() {
        return "gelu-tanh";
    }

    /** tanh(√(2/π)(z + 0.044715 z³)) into {@code out}. */
    private static void tanhOfU(INDArray z, INDArray out) {
        out.assign(z).muli(z).muli(K).addi(1.0).muli(z).muli(C);
        Transforms.tanh(out, false);
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        tanhOfU(z, a);
        a.addi(1.0).muli(z).muli(0.5);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        INDArray t = tanh.like(z);
        tanhOfU(z, t);
        // ½ z (1 − t²) √(2/π)(1 + 3K z²)
        dLdz.assign(z).muli(z).muli(3 * K).addi(1.0).muli(C * 0.5).muli(z);
        dLdz.muli(sech2.like(z).assign(t).muli(t).rsubi(1.0));
        dLdz.addi(t.addi(1.0).muli(0.5)).muli(dLda);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
