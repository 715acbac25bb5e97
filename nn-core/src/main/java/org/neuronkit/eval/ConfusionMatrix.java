package org.neuronkit.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.neuronkit.DataException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How well a classifier's predictions match the true classes: the confusion matrix and what follows
 * from it. With n_{ij} the number of samples of actual class i predicted as j:
 * <ul>
 *   <li>accuracy = Σ_i n_{ii} / N;</li>
 *   <li>precision_c = n_{cc} / Σ_i n_{ic} (of the samples predicted c, the share that are c);</li>
 *   <li>recall_c = n_{cc} / Σ_j n_{cj} (of the samples that are c, the share predicted c);</li>
 *   <li>F1_c = 2 · precision_c · recall_c / (precision_c + recall_c);</li>
 *   <li>macro averages: the unweighted means over classes.</li>
 * </ul>
 * A ratio with a zero denominator (a class never predicted, or absent) counts as 0.
 *
 * <h2>Shapes</h2>
 * {@link #of(INDArray, INDArray)} takes outputs N × C (scores or probabilities; the prediction is
 * {@link Decision}'s: the arg-max, or for a single logistic output C = 1 the two classes of ŷ ≥ 0.5) and labels either one-hot N × C or class indices (N or N × 1).
 */
public final class ConfusionMatrix {
    private final long[][] counts;
    private final List<String> classNames;

    private ConfusionMatrix(long[][] counts, List<String> classNames) {
        this.counts = counts;
        this.classNames = classNames;
    }

    /** Counts predicted against actual classes, each in 0 .. numClasses − 1. */
    public static ConfusionMatrix of(int[] predicted, int[] actual, int numClasses) {
        if (numClasses <= 0) {
            throw new DataException("the number of classes must be positive, got " + numClasses);
        }
        if (predicted.length != actual.length) {
            throw new DataException(predicted.length + " predictions for " + actual.length + " labels");
        }
        long[][] counts = new long[numClasses][numClasses];
        for (int n = 0; n < actual.length; n++) {
            counts[checkClass(actual[n], "label", n, numClasses)][checkClass(predicted[n], "prediction", n, numClasses)]++;
        }
        return new ConfusionMatrix(counts, List.of());
    }

    /** The matrix of these counts: {@code counts[actual][predicted]}, C × C (copied). */
    public static ConfusionMatrix ofCounts(long[][] counts) {
        for (long[] row : counts) {
            if (row.length != counts.length) {
                throw new DataException("a confusion matrix is C × C, got " + counts.length + " rows of " + row.length);
            }
        }
        return new ConfusionMatrix(Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new), List.of());
    }

    /** Evaluates network outputs N × C against one-hot labels N × C or class indices (N or N × 1). */
    public static ConfusionMatrix of(INDArray outputs, INDArray labels) {
        if (outputs.rank() != 2) {
            throw new DataException("outputs must be N × C, got shape " + Arrays.toString(outputs.shape()));
        }
        int numClasses = Decision.classes(outputs.columns());
        int[] predicted = Decision.of(outputs);
        int[] actual;
        if (labels.rank() == 2 && labels.columns() == numClasses && numClasses > 1) {
            actual = Nd4j.argMax(labels, 1).toIntVector();
        } else if (labels.isVector() || (labels.rank() == 2 && labels.columns() == 1)) {
            actual = labels.toIntVector();
        } else {
            throw new DataException("labels of shape " + Arrays.toString(labels.shape()) + " fit neither one-hot "
                    + outputs.rows() + " × " + numClasses + " nor " + outputs.rows() + " class indices");
        }
        return of(predicted, actual, numClasses);
    }

    private static int checkClass(int c, String what, int row, int numClasses) {
        if (c < 0 || c >= numClasses) {
            throw new DataException(what + " " + c + " at row " + row + " is outside the classes 0.." + (numClasses - 1));
        }
        return c;
    }

    /** The same evaluation, printing {@code names} (one per class) beside the class numbers. */
    public ConfusionMatrix withClassNames(List<String> names) {
        if (names.size() != numClasses()) {
            throw new DataException(names.size() + " class names for " + numClasses() + " classes");
        }
        return new ConfusionMatrix(counts, List.copyOf(names));
    }

    public int numClasses() {
        return counts.length;
    }

    /** N, the number of samples evaluated. */
    public long total() {
        return Arrays.stream(counts).flatMapToLong(Arrays::stream).sum();
    }

    /** n_{ij}: samples of actual class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** The confusion matrix, rows actual, columns predicted (a copy). */
    public long[][] confusionMatrix() {
        return Arrays.stream(counts).map(long[]::clone).toArray(long[][]::new);
    }

    public long correct() {
        long sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += counts[c][c];
        }
        return sum;
    }

    public double accuracy() {
        return ratio(correct(), total());
    }

    /** Samples of actual class c. */
    public long support(int c) {
        return Arrays.stream(counts[c]).sum();
    }

    private long predictedAs(int c) {
        long sum = 0;
        for (long[] row : counts) {
            sum += row[c];
        }
        return sum;
    }

    public double precision(int c) {
        return ratio(counts[c][c], predictedAs(c));
    }

    public double recall(int c) {
        return ratio(counts[c][c], support(c));
    }

    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroPrecision() {
        return macro(this::precision);
    }

    public double macroRecall() {
        return macro(this::recall);
    }

    public double macroF1() {
        return macro(this::f1);
    }

    private double macro(java.util.function.IntToDoubleFunction metric) {
        double sum = 0;
        for (int c = 0; c < numClasses(); c++) {
            sum += metric.applyAsDouble(c);
        }
        return sum / numClasses();
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    private String className(int c) {
        return classNames.isEmpty() ? Integer.toString(c) : c + " " + classNames.get(c);
    }

    /** The report of the CLI's {@code eval}: accuracy, per-class table, macro averages, confusion matrix. */
    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < numClasses(); c++) {
            names.add(className(c));
        }
        int nameWidth = Math.max("macro average".length(), names.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "accuracy %.4f (%d of %d)%n%n", accuracy(), correct(), total()));
        String row = "%-" + nameWidth + "s  %9s  %9s  %9s  %9s%n";
        text.append(String.format(Locale.ROOT, row, "class", "precision", "recall", "F1", "support"));
        for (int c = 0; c < numClasses(); c++) {
            text.append(String.format(Locale.ROOT, row, names.get(c), fmt(precision(c)), fmt(recall(c)), fmt(f1(c)), support(c)));
        }
        text.append(String.format(Locale.ROOT, row, "macro average", fmt(macroPrecision()), fmt(macroRecall()), fmt(macroF1()), total()));

        int cell = Math.max(3, Long.toString(Arrays.stream(counts).flatMapToLong(Arrays::stream).max().orElse(0)).length());
        int labelWidth = Math.max(6, Integer.toString(numClasses() - 1).length());
        text.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: actual class, columns: predicted class)%n"));
        text.append(String.format(Locale.ROOT, "%" + labelWidth + "s", ""));
        for (int c = 0; c < numClasses(); c++) {
            text.append(String.format(Locale.ROOT, " %" + cell + "d", c));
        }
        text.append(System.lineSeparator());
        for (int a = 0; a < numClasses(); a++) {
            text.append(String.format(Locale.ROOT, "%" + labelWidth + "d", a));
            for (int p = 0; p < numClasses(); p++) {
                text.append(String.format(Locale.ROOT, " %" + cell + "d", counts[a][p]));
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
