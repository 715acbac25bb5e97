package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.OpSequence;

/**
 * Runs one of libnd4j's fused loss ops with {@code SUM} reduction into a reused scalar, so that a loss
 * value costs one native call and allocates nothing in a training step, whatever target array it is
 * given. The ops take (predictions or logits, weights, labels), the reduction mode as their integer
 * argument and their own floating-point arguments: a label smoothing of 0 for the cross-entropies,
 * δ for Huber.
 */
final class NativeLossSum {
    /** libnd4j's {@code LossReduce.SUM}. */
    private static final int SUM = 1;

    private final String opName;
    private final double[] floatArguments;
    private final OpSequence ops = new OpSequence();
    private INDArray unitWeight;
    private INDArray result;

    private NativeLossSum(String opName, double... floatArguments) {
        this.opName = opName;
        this.floatArguments = floatArguments;
    }

    /** Σ logsumexp(z) − yᵀz over the rows. */
    static NativeLossSum softmaxCrossEntropy() {
        return new NativeLossSum("softmax_cross_entropy_loss", 0);
    }

    /** Σ max(z, 0) − yz + log(1 + exp(−|z|)) over all entries. */
    static NativeLossSum sigmoidCrossEntropy() {
        return new NativeLossSum("sigm_cross_entropy_loss", 0);
    }

    /** Σ (ŷ − y)² over all entries. */
    static NativeLossSum meanSquaredError() {
        return new NativeLossSum("mean_sqerr_loss");
    }

    /** Σ h_δ(ŷ − y) over all entries, h_δ(r) = ½r² for |r| ≤ δ, δ(|r| − ½δ) otherwise. */
    static NativeLossSum huber(double delta) {
        return new NativeLossSum("huber_loss", delta);
    }

    /** Σ |ŷ − y| over all entries. */
    static NativeLossSum absoluteDifference() {
        return new NativeLossSum("absolute_difference_loss");
    }

    /** Σ over the batch of the loss of labels {@code y} against {@code p}. */
    double sum(INDArray y, INDArray p) {
        if (unitWeight == null || unitWeight.dataType() != p.dataType()) {
            unitWeight = Nd4j.scalar(p.dataType(), 1.0);
        }
        return sum(y, p, unitWeight);
    }

    /**
     * Σ over the batch of {@code weights} ⊙ the loss of labels {@code y} against {@code p}: the
     * weights are a scalar or an array of y's rank that broadcasts against the per-row losses
     * (softmax: N × 1) or against y itself (the others: N × 1 or N × C).
     */
    double sum(INDArray y, INDArray p, INDArray weights) {
        if (result == null || result.dataType() != p.dataType()) {
            result = Nd4j.scalar(p.dataType(), 0.0);
        }
        var op = ops.begin().op(opName).in(p).in(weights).in(y).out(result).i(SUM);
        for (double argument : floatArguments) {
            op.t(argument);
        }
        op.run();
        return result.getDouble(0);
    }
}
