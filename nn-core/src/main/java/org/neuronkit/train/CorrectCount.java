package org.neuronkit.train;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.eval.Decision;
import org.neuronkit.ops.OpSequence;

/**
 * How many rows of a classifier's output ŷ put their largest probability on the row's class, given
 * one-hot targets y: row n counts when Σ_c ŷ_nc y_nc ≥ max_c ŷ_nc (a tie for the largest probability
 * counts as correct). FLOAT matrices in host memory are read in one Java pass (N·C values, far less
 * than an op's dispatch; docs/design.md, "Host passes"); others take six native ops
 * ({@link OpSequence}) into buffers kept per batch size and one scalar read. Neither allocates. A single logistic output (C = 1, y ∈ {0, 1})
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
        if (onHost(yHat) && onHost(y)) {
            return onHostOf(yHat, y);
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

    private static boolean onHost(INDArray x) {
        return Nd4j.getEnvironment().isCPU() && x.dataType() == DataType.FLOAT && x.rank() == 2 && x.ordering() == 'c'
                && x.elementWiseStride() == 1;
    }

    /** The count over the host buffers, row by row in float as the ops compute it. */
    private static long onHostOf(INDArray yHat, INDArray y) {
        FloatBuffer p = yHat.data().asNioFloat();
        FloatBuffer t = y.data().asNioFloat();
        int rows = (int) yHat.rows();
        int classes = (int) yHat.columns();
        int pAt = (int) yHat.offset();
        int tAt = (int) y.offset();
        long correct = 0;
        for (int n = 0; n < rows; n++) {
            float picked = 0;
            float best = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                float value = p.get(pAt + n * classes + c);
                picked += value * t.get(tAt + n * classes + c);
                best = Math.max(best, value);
            }
            correct += picked >= best ? 1 : 0;
        }
        return correct;
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
