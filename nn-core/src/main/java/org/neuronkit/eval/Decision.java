package org.neuronkit.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The class a classifier's output row ŷ (length C) predicts, the one rule every path uses (training
 * accuracy, {@link ConfusionMatrix}, {@code Network.predict}, {@code Predictor}):
 * <ul>
 * <li>C ≥ 2 (softmax, or one logistic unit per class): the arg-max, the first of equal maxima;
 * <li>C = 1 (a single logistic output, ŷ = P(class 1)): class 1 iff ŷ ≥ {@value #THRESHOLD}, else class 0.
 * </ul>
 * So a network with C outputs tells {@link #classes(int)} classes apart: C, or 2 for a single output.
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
            classes[n] = ofProbability(p[n]);
        }
        return classes;
    }

    /** The class of each row of ŷ (N × C, C ≥ 1): the threshold for C = 1, the arg-max otherwise. */
    public static int[] of(INDArray yHat) {
        if (yHat.columns() == 1) {
            return ofSingleOutput(yHat);
        }
        return Nd4j.argMax(yHat, 1).toIntVector();
    }
}
