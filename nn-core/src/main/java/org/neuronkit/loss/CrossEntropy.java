package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.BaseLoss;
import org.neuronkit.activation.Activation;

/**
 * A cross-entropy loss fused with the output activation it belongs to (softmax, or logistic), see
 * {@link Losses#softmaxCrossEntropy()} and {@link Losses#logisticCrossEntropy()}. The value comes
 * from ND4J's fused loss op on the logits z, which never takes the log of a zero probability; for
 * both pairs the error term of the output layer is δ⁽ᴸ⁾ = (ŷ − y)/N (SPEC §4).
 */
final class CrossEntropy implements Loss {

    /** Builds ND4J's loss op with SUM reduction for labels y, logits z and a unit weight. */
    interface SummedLossOp {
        BaseLoss create(INDArray labels, INDArray logits, INDArray weight);
    }

    private final String spec;
    private final Activation output;
    private final SummedLossOp op;
    private final NativeLossSum sum = new NativeLossSum();

    CrossEntropy(String spec, Activation output, SummedLossOp op) {
        this.spec = spec;
        this.output = output;
        this.op = op;
    }

    @Override
    public Activation outputActivation() {
        return output;
    }

    @Override
    public double value(INDArray z, INDArray yHat, INDArray y) {
        return sum.run(op.create(y, z, sum.unitWeight(z.dataType()))) / z.rows();
    }

    @Override
    public void delta(INDArray z, INDArray yHat, INDArray y, INDArray delta) {
        delta.assign(yHat).subi(y).divi(z.rows());
    }

    @Override
    public String spec() {
        return spec;
    }
}
