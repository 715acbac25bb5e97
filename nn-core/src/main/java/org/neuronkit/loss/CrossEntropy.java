package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activation;
import org.neuronkit.ops.CachedOp;

/**
 * A cross-entropy loss fused with the output activation it belongs to (softmax, or logistic), see
 * {@link Losses#softmaxCrossEntropy()} and {@link Losses#logisticCrossEntropy()}. The value comes
 * from ND4J's fused loss op on the logits z, which never takes the log of a zero probability; for
 * both pairs the error term of the output layer is δ⁽ᴸ⁾ = (ŷ − y)/N (SPEC §4).
 */
final class CrossEntropy implements Loss {

    private final String spec;
    private final Activation output;
    private final NativeLossSum sum;
    private final CachedOp difference = new CachedOp();
    private final CachedOp scale = new CachedOp();
    private INDArray inverseRows;
    private long inverseRowsFor;

    CrossEntropy(String spec, Activation output, NativeLossSum.SummedLossOp op) {
        this.spec = spec;
        this.output = output;
        this.sum = new NativeLossSum(op);
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
        if (difference.stale(yHat, y, delta)) {
            difference.prepare(new SubOp(yHat, y, delta), yHat, y, delta);
        }
        difference.run();
        INDArray factor = inverseRows(z);
        if (scale.stale(delta, factor)) {
            scale.prepare(DynamicCustomOp.builder("multiply").addInputs(delta, factor).addOutputs(delta).build(), delta, factor);
        }
        scale.run();
    }

    /** The scalar 1/N for a batch of N rows, kept while N and the data type stay the same. */
    private INDArray inverseRows(INDArray z) {
        if (inverseRows == null || inverseRows.dataType() != z.dataType() || inverseRowsFor != z.rows()) {
            inverseRows = Nd4j.scalar(z.dataType(), 1.0 / z.rows());
            inverseRowsFor = z.rows();
        }
        return inverseRows;
    }

    @Override
    public String spec() {
        return spec;
    }
}
