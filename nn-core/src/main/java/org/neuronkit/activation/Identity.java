package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/** identity(z) = z, the linear output of a regression network (docs/chapter.md §1). */
final class Identity implements Activation {

    @Override
    public String spec() {
        return "identity";
    }

    @Override
    public Optional<ActivationFormula> formula() {
        return Optional.of(ActivationFormula.of("identity", "z"));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        a.assign(z);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        dLdz.assign(dLda);
    }

    /** Nothing to do: a = z. */
    @Override
    public FloatKernel floatKernel() {
        return (values, rows, width) -> { };
    }
}
