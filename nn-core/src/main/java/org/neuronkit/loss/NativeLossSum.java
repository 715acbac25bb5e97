package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.OpSequence;

/**
 * Runs one of libnd4j's fused loss ops with {@code SUM} reduction into a reused scalar, so that a loss
 * value costs one native call and allocates nothing in a training step, whatever target array it is
 * given. The ops take (predictions or logits, weights, labels), the reduction mode as their integer
 * argument and, for the cross-entropies, a label smoothing of 0 as their floating-point argument.
 */
final class NativeLossSum {
    /** libnd4j's {@code LossReduce.SUM}. */
    private static final int SUM = 1;

    private final String opName;
    private final boolean labelSmoothing;
    private final OpSequence ops = new OpSequence();
    private INDArray unitWeight;
    private INDArray result;

    private NativeLossSum(String opName, boolean labelSmoothing) {
        this.opName = opName;
        this.labelSmoothing = labelSmoothing;
    }

    /** Σ logsumexp(z) − yᵀz over the rows. */
    static NativeLossSum softmaxCrossEntropy() {
        return new NativeLossSum("softmax_cross_entropy_loss", true);
    }

    /** Σ max(z, 0) − yz + log(1 + exp(−|z|)) over all entries. */
    static NativeLossSum sigmoidCrossEntropy() {
        return new NativeLossSum("sigm_cross_entropy_loss", true);
    }

    /** Σ (ŷ − y)² over all entries. */
    static NativeLossSum meanSquaredError() {
        return new NativeLossSum("mean_sqerr_loss", false);
    }

    /** Σ over the batch of the loss of labels {@code y} against {@code p}. */
    double sum(INDArray y, INDArray p) {
        if (unitWeight == null || unitWeight.dataType() != p.dataType()) {
            unitWeight = Nd4j.scalar(p.dataType(), 1.0);
            result = Nd4j.scalar(p.dataType(), 0.0);
        }
        var op = ops.begin().op(opName).in(p).in(unitWeight).in(y).out(result).i(SUM);
        if (labelSmoothing) {
            op.t(0);
        }
        op.run();
        return result.getDouble(0);
    }
}
