package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erfc;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * GELU(z) = z P(X ≤ z) = z Φ(z) = ½ z (1 + erf(z/√2)), X ~ N(0, 1) (docs/chapter.md §1, exact form).
 * Derivative Φ(z) + z φ(z) with φ(z) = exp(−z²/2)/√(2π).
 *
 * <p>Φ(z) is computed as ½ erfc(−z/√2), which equals ½(1 + erf(z/√2)) but keeps its relative
 * precision in the left tail, where 1 + erf(z/√2) would cancel.
 */
final class GeluExact implements Activation {
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private final Scratch phi = new Scratch();

    @Override
    public String spec() {
        return "gelu";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("gelu", "0.5*z*(1 + erf(z/sqrt(2)))"));
    }

    /** Φ(z) into {@code out}. */
    private static void normalCdf(INDArray z, INDArray out) {
        out.assign(z).muli(-INV_SQRT2);
        Nd4j.exec(new Erfc(out, out));
        out.muli(0.5);
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        normalCdf(z, a);
        a.muli(z);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        INDArray density = phi.like(z).assign(z);
        density.muli(z).muli(-0.5);
        Transforms.exp(density, false).muli(INV_SQRT_2PI).muli(z);
        normalCdf(z, dLdz);
        dLdz.addi(density).muli(dLda);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
