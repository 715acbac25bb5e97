package org.neuronkit.loss;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.loss.BaseLoss;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.CachedOp;

/**
 * Runs one of ND4J's fused loss ops with {@code SUM} reduction into a reused scalar, so that a loss
 * value costs one native call and no new arrays in a training step.
 */
final class NativeLossSum {
    private final CachedOp loss = new CachedOp();
    private INDArray unitWeight;
    private INDArray result;

    /** A scalar weight of 1 in {@code type}, for the op's weights argument. */
    INDArray unitWeight(DataType type) {
        if (unitWeight == null || unitWeight.dataType() != type) {
            unitWeight = Nd4j.scalar(type, 1.0);
            result = Nd4j.scalar(type, 0.0);
        }
        return unitWeight;
    }

    /**
     * Returns the summed loss of the op {@code build} makes (with {@link #unitWeight}) for labels
     * {@code y} and predictions or logits {@code p}; the op is built again only when they change.
     */
    double run(java.util.function.Supplier<BaseLoss> build, INDArray y, INDArray p) {
        loss.run(() -> {
            BaseLoss op = build.get();
            op.addOutputArgument(result);
            return op;
        }, y, p, unitWeight, result);
        return result.getDouble(0);
    }
}
