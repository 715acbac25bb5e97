package org.neuronkit.eval;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;

/**
 * The class a classifier's output row ŷ (length C) predicts, the one rule every path uses (training
 * accuracy, {@link ConfusionMatrix}, {@code Network.predict}, {@code Predictor}):
 * <ul>
 * <li>C ≥ 2 (softmax, or one logistic unit per class): the arg-max, the first of equal maxima;
 * <li>C = 1 (a single logistic output, ŷ = P(class 1)): class 1 iff ŷ ≥ {@value #THRESHOLD}, else class 0.
 * </ul>
 * So a network with C outputs tells {@link #classes(int)} classes apart: C, or 2 for a single output. A row
 * whose outputs are not all finite has no class: it fails ({@link DataException} naming the row) rather than
 * becoming class 0, as the arg-max and the threshold would make it silently; a NaN or infinite input, or one
 * far outside the training data's range, gives such a row.
 */
public final class Decision {
    /** A single logistic output predicts class 1 from this probability on. */
    public static final double THRESHOLD = 0.5;

    private Decision() {
    }

    /** The number of classes a network with {@code outputs} outputs predicts: 2 for one output, else {@code outputs}. */
    public static int classes(int outputs) {
        return outputs == 1 ? 2 : outputs;
    }

    /** The class of a single logistic output's probability {@code p}. */
    public static int ofProbability(double p) {
        return p >= THRESHOLD ? 1 : 0;
    }

    /** The class of each row of a single logistic output ŷ (N × 1). */
    public static int[] ofSingleOutput(INDArray yHat) {
        double[] p = yHat.reshape(yHat.length()).toDoubleVector();
        int[] classes = new int[p.length];
        for (int n = 0; n < p.length; n++) {
            if (!Double.isFinite(p[n])) {
                throw nonFinite(n);
            }
            classes[n] = ofProbability(p[n]);
        }
        return classes;
    }

    /** The class of each row of ŷ (N × C, C ≥ 1): the threshold for C = 1, the arg-max otherwise. */
    public static int[] of(INDArray yHat) {
        if (yHat.columns() == 1) {
            return ofSingleOutput(yHat);
        }
        return Nd4j.argMax(requireFinite(yHat), 1).toIntVector();
    }

    /**
     * {@code yHat} (N × C) when every value is finite, else a {@link DataException} naming the first row that is not.
     * It allocates its masks: a serving path checks with {@code Network.requireFiniteOutputs}, which allocates
     * nothing on finite outputs and calls this only to name the row.
     */
    public static INDArray requireFinite(INDArray yHat) {
        if (yHat.isNaN().any() || yHat.isInfinite().any()) {
            for (int r = 0; r < yHat.rows(); r++) {
                INDArray row = yHat.getRow(r);
                if (row.isNaN().any() || row.isInfinite().any()) {
                    throw nonFinite(r);
                }
            }
        }
        return yHat;
    }

    /** {@code yHat} (N × C row-major in a buffer, C = {@code columns}) when every value is finite; as {@link #requireFinite(INDArray)}. */
    public static FloatBuffer requireFinite(FloatBuffer yHat, int columns) {
        for (int i = 0; i < yHat.capacity(); i++) {
            if (!Float.isFinite(yHat.get(i))) {
                throw nonFinite(i / columns);
            }
        }
        return yHat;
    }

    private static DataException nonFinite(int row) {
        return new DataException("row " + (row + 1) + ": the model's outputs are not finite (NaN or infinity), so the row has no class;"
                + " one of its values is NaN, infinite, or far outside the range of the training data");
    }
}
