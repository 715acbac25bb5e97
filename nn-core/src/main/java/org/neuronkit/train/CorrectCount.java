package org.neuronkit.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.CachedOp;

/**
 * How many rows of a classifier's output ŷ put their largest probability on the row's class, given
 * one-hot targets y: row n counts when Σ_c ŷ_nc y_nc ≥ max_c ŷ_nc. Six cached native ops into buffers
 * kept per batch size and one scalar read, so counting a training step's accuracy allocates nothing
 * (a tie for the largest probability counts as correct).
 */
final class CorrectCount {
    private final CachedOp product = new CachedOp();
    private final CachedOp picked = new CachedOp();
    private final CachedOp best = new CachedOp();
    private final CachedOp compare = new CachedOp();
    private final CachedOp cast = new CachedOp();
    private final CachedOp total = new CachedOp();
    private INDArray products;
    private INDArray pickedValues;
    private INDArray bestValues;
    private INDArray hits;
    private INDArray hitValues;
    private INDArray count;

    /** The number of correctly classified rows of {@code yHat} (N × C) against one-hot {@code y}. */
    long of(INDArray yHat, INDArray y) {
        buffers(yHat);
        if (product.stale(yHat, y, products)) {
            product.prepare(op("multiply", products, yHat, y), yHat, y, products);
        }
        product.run();
        if (picked.stale(products, pickedValues)) {
            picked.prepare(rowReduction("reduce_sum", products, pickedValues), products, pickedValues);
        }
        picked.run();
        if (best.stale(yHat, bestValues)) {
            best.prepare(rowReduction("reduce_max", yHat, bestValues), yHat, bestValues);
        }
        best.run();
        if (compare.stale(pickedValues, bestValues, hits)) {
            compare.prepare(op("greater_equal", hits, pickedValues, bestValues), pickedValues, bestValues, hits);
        }
        compare.run();
        if (cast.stale(hits, hitValues)) {
            cast.prepare(DynamicCustomOp.builder("cast").addInputs(hits).addOutputs(hitValues)
                    .addIntegerArguments(hitValues.dataType().toInt()).build(), hits, hitValues);
        }
        cast.run();
        if (total.stale(hitValues, count)) {
            total.prepare(op("reduce_sum", count, hitValues), hitValues, count);
        }
        total.run();
        return Math.round(count.getDouble(0));
    }

    private void buffers(INDArray yHat) {
        if (products == null || !products.equalShapes(yHat) || products.dataType() != yHat.dataType()) {
            DataType type = yHat.dataType();
            products = yHat.ulike();
            pickedValues = Nd4j.create(type, yHat.rows());
            bestValues = Nd4j.create(type, yHat.rows());
            hits = Nd4j.create(DataType.BOOL, yHat.rows());
            hitValues = Nd4j.create(type, yHat.rows());
            count = Nd4j.scalar(type, 0.0);
        }
    }

    private static DynamicCustomOp op(String name, INDArray output, INDArray... inputs) {
        return DynamicCustomOp.builder(name).addInputs(inputs).addOutputs(output).build();
    }

    private static DynamicCustomOp rowReduction(String name, INDArray input, INDArray output) {
        return DynamicCustomOp.builder(name).addInputs(input).addOutputs(output).addIntegerArguments(1).build();
    }
}
