package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.BaseLoss;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.CachedOp;

/**
 * Runs one of ND4J's fused loss ops with {@code SUM} reduction into a reused scalar, so that a loss
 * value costs one native call and allocates nothing in a training step.
 */
final class NativeLossSum {

    /** Builds ND4J's loss op with SUM reduction for labels y, predictions or logits p and a unit weight. */
    interface SummedLossOp {
        BaseLoss create(INDArray labels, INDArray predictions, INDArray weight);
    }

    private final SummedLossOp factory;
    private final CachedOp loss = new CachedOp();
    private INDArray unitWeight;
    private INDArray result;

    NativeLossSum(SummedLossOp factory) {
        this.factory = factory;
    }

    /** Σ over the batch of the loss of labels {@code y} against {@code p}. */
    double sum(INDArray y, INDArray p) {
        if (unitWeight == null || unitWeight.dataType() != p.dataType()) {
            unitWeight = Nd4j.scalar(p.dataType(), 1.0);
            result = Nd4j.scalar(p.dataType(), 0.0);
        }
        if (loss.stale(y, p, unitWeight, result)) {
            BaseLoss op = factory.create(y, p, unitWeight);
            op.addOutputArgument(result);
            loss.prepare(op, y, p, unitWeight, result);
        }
        loss.run();
        return result.getDouble(0);
    }
}
