package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.activation.Activation;
import org.neuronkit.ops.OpSequence;

/**
 * A cross-entropy loss fused with the output activation it belongs to (softmax, or logistic), see
 * {@link Losses#softmaxCrossEntropy()} and {@link Losses#logisticCrossEntropy()}. The value comes
 * from ND4J's fused loss op on the logits z, which never takes the log of a zero probability; for
 * both pairs the error term of the output layer is δ⁽ᴸ⁾ = (ŷ − y)/N (docs/chapter.md §4).
 */
final class CrossEntropy implements Loss {

    private final String spec;
    private final Activation output;
    private final NativeLossSum sum;
    private final OpSequence deltaOps = new OpSequence();

    CrossEntropy(String spec, Activation output, NativeLossSum sum) {
        this.spec = spec;
        this.output = output;
        this.sum = sum;
    }

    @Override
    public Activation outputActivation() {
        return output;
    }

    @Override
    public double value(INDArray z, INDArray yHat, INDArray y) {
        return sum.sum(y, z) / z.rows();
    }

    @Override
    public void delta(INDArray z, INDArray yHat, INDArray y, INDArray delta) {
        OpSequence ops = deltaOps.begin();
        ops.sub(yHat, y, delta);
        ops.mul(delta, 1.0 / z.rows(), delta);
    }

    @Override
    public String spec() {
        return spec;
    }
}
