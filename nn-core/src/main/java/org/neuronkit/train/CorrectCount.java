package org.neuronkit.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.eval.Decision;
import org.neuronkit.ops.OpSequence;

/**
 * How many rows of a classifier's output ŷ put their largest probability on the row's class, given
 * one-hot targets y: row n counts when Σ_c ŷ_nc y_nc ≥ max_c ŷ_nc. Six native ops ({@link OpSequence}) into buffers
 * kept per batch size and one scalar read, so counting a training step's accuracy allocates nothing
 * (a tie for the largest probability counts as correct). A single logistic output (C = 1, y ∈ {0, 1})
 * is a binary classifier: row n counts when {@link Decision} gives its label, [ŷ_n ≥ 0.5] = y_n, read
 * through Java (N values).
 */
final class CorrectCount {
    private final OpSequence countOps = new OpSequence();
    private INDArray products;
    private INDArray pickedValues;
    private INDArray bestValues;
    private INDArray hits;
    private INDArray hitValues;
    private INDArray count;

    /** The number of correctly classified rows of {@code yHat} (N × C) against one-hot {@code y}. */
    long of(INDArray yHat, INDArray y) {
        if (yHat.columns() == 1) {
            int[] predicted = Decision.ofSingleOutput(yHat);
            double[] labels = y.reshape(y.length()).toDoubleVector();
            long correct = 0;
            for (int n = 0; n < predicted.length; n++) {
                correct += predicted[n] == Decision.ofProbability(labels[n]) ? 1 : 0;
            }
            return correct;
        }
        buffers(yHat);
        OpSequence ops = countOps.begin();
        ops.mul(yHat, y, products);
        ops.rowSum(products, pickedValues);        // Σ_c ŷ_nc y_nc
        ops.rowMax(yHat, bestValues);              // max_c ŷ_nc
        ops.ge(pickedValues, bestValues, hits);
        ops.cast(hits, hitValues);
        ops.sum(hitValues, count);
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
}
