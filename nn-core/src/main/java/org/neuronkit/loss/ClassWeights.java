package org.neuronkit.loss;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;

/**
 * Per-class weights w_c of a weighted cross-entropy: each sample's loss is multiplied by the weight
 * of its class, w_{y⁽ⁿ⁾}, and the batch loss is still divided by the batch size N, as Keras's
 * {@code class_weight} does (not by Σ w_{y⁽ⁿ⁾} as PyTorch's {@code CrossEntropyLoss(weight=…)}):
 * <pre>
 *   R = (1/N) Σₙ w_{y⁽ⁿ⁾} L(y⁽ⁿ⁾, ŷ⁽ⁿ⁾).
 * </pre>
 * So with {@link #balanced balanced} weights, whose mean over the training rows is 1, a full-batch
 * loss has the scale of the unweighted one, and a minibatch gradient stays an unbiased estimate of
 * the full weighted risk's gradient. For a single logistic output, y ∈ {0, 1} and the two weights
 * are w₀ (for y = 0) and w₁ (for y = 1).
 */
public final class ClassWeights {
    private final double[] weights;

    private ClassWeights(double[] weights) {
        if (weights.length < 2) {
            throw new ConfigurationException("class weights need one weight per class, at least 2, got " + weights.length);
        }
        double total = 0;
        for (int c = 0; c < weights.length; c++) {
            if (!(weights[c] >= 0) || Double.isInfinite(weights[c])) {
                throw new ConfigurationException("class weight " + c + " must be a finite number ≥ 0, got " + weights[c]);
            }
            total += weights[c];
        }
        if (total == 0) {
            throw new ConfigurationException("the class weights are all 0: no sample would count");
        }
        this.weights = weights;
    }

    /** The weights w₀, w₁, … in class order. */
    public static ClassWeights of(double... weights) {
        return new ClassWeights(weights.clone());
    }

    /** The weights w₀, w₁, … in class order, e.g. from a {@link LossSpec}. */
    public static ClassWeights of(java.util.List<Double> weights) {
        return new ClassWeights(weights.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * scikit-learn's {@code balanced} weights w_c = N / (C · n_c) for n_c samples of class c among N:
     * every class then carries the same total weight N / C.
     */
    public static ClassWeights balanced(long[] counts) {
        long total = Arrays.stream(counts).sum();
        double[] weights = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] <= 0) {
                throw new DataException("balanced class weights: class " + c + " has no training samples (counts "
                        + Arrays.toString(counts) + ")");
            }
            weights[c] = (double) total / ((double) counts.length * counts[c]);
        }
        return new ClassWeights(weights);
    }

    /**
     * The samples per class of one-hot targets (N × C), or, for a single 0/1 column (N × 1), the
     * counts of 0 and of 1.
     */
    public static long[] counts(INDArray targets) {
        if (targets.rank() != 2) {
            throw new DataException("class counts need N × C targets, got shape " + Arrays.toString(targets.shape()));
        }
        double[] sums = targets.sum(0).toDoubleVector();
        if (sums.length == 1) {
            return new long[] {targets.rows() - Math.round(sums[0]), Math.round(sums[0])};
        }
        return Arrays.stream(sums).mapToLong(Math::round).toArray();
    }

    /**
     * Weights from the command line: {@code balanced} (computed from {@code targets}, the training
     * targets) or a list {@code w0,w1,…}.
     */
    public static ClassWeights parse(String text, INDArray targets) {
        String trimmed = text.trim();
        return trimmed.equalsIgnoreCase("balanced") ? balanced(counts(targets)) : parse(trimmed);
    }

    /** A list {@code w0,w1,…} of numbers, as {@link #spec()} writes it. */
    public static ClassWeights parse(String list) {
        String[] parts = list.split(",");
        double[] weights = new double[parts.length];
        for (int c = 0; c < parts.length; c++) {
            try {
                weights[c] = Double.parseDouble(parts[c].trim());
            } catch (NumberFormatException e) {
                throw new ConfigurationException("class weights '" + list + "': weight " + c + " '" + parts[c].trim()
                        + "' is not a number (expected balanced or w0,w1,…)");
            }
        }
        return new ClassWeights(weights);
    }

    /** The number of weights: the classes, or 2 for a single logistic output. */
    public int size() {
        return weights.length;
    }

    /** w_c. */
    public double get(int c) {
        return weights[c];
    }

    /** The weights w₀, w₁, … as an unmodifiable list. */
    public java.util.List<Double> asList() {
        return Arrays.stream(weights).boxed().toList();
    }

    /** The weights, comma-separated, each written so that it reads back exactly. */
    public String spec() {
        return Arrays.stream(weights).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return Arrays.stream(weights).mapToObj(w -> String.format(Locale.ROOT, "%.4g", w)).collect(Collectors.joining(", ", "[", "]"));
    }
}
