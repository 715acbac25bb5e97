package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.strict.HardTanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * hard-logistic(z) = max(min(0.25z + 0.5, 1), 0) (SPEC §1): the first-order Taylor expansion of σ at 0,
 * clipped to [0, 1]. Its derivative is 0.25 on (−2, 2) and 0 outside.
 *
 * <p>ND4J's own {@code hard_sigmoid} uses slope 0.2, so this is composed from
 * {@code hardtanh}: 0.25z + 0.5 clipped to [0, 1] equals 0.5·hardtanh(z/2) + 0.5.
 */
final class HardLogistic implements Activation {

    @Override
    public String spec() {
        return "hardlogistic";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        a.assign(z).muli(0.5);
        Nd4j.exec(new HardTanh(a, a));
        a.muli(0.5).addi(0.5);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        // 2 − |z| > 0 exactly where the slope is 0.25
        dLdz.assign(z);
        Transforms.abs(dLdz, false);
        dLdz.rsubi(2.0);
        Nd4j.exec(new Step(dLdz, dLdz, 0.0));
        dLdz.muli(0.25).muli(dLda);
    }
}
