package org.neuronkit.data;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.AllocationLimit;
import org.neuronkit.DataException;
import org.neuronkit.backend.ThreadSetup;

/**
 * Samples for training or evaluation: features X (N × D, one row per sample) and targets Y (N × C):
 * one-hot rows for a classifier, built from integer labels, or real values for regression.
 *
 * <p>Every factory checks its input once, here, so training never sees it: at least one sample, rows
 * of equal length, matching row counts, labels in [0, C), no NaN or infinite feature, and one-hot
 * targets within the {@link AllocationLimit}.
 */
public final class DataSet {
    static {
        ThreadSetup.ensure(); // before ND4J loads its native libraries
    }

    private final INDArray features;
    private final INDArray targets;
    private final int[] labels;
    private final int numClasses;
    private final boolean missingValues;

    private DataSet(INDArray features, INDArray targets, int[] labels, int numClasses) {
        this(features, targets, labels, numClasses, false);
    }

    private DataSet(INDArray features, INDArray targets, int[] labels, int numClasses, boolean missingValues) {
        this.features = features;
        this.targets = targets;
        this.labels = labels;
        this.numClasses = numClasses;
        this.missingValues = missingValues;
    }

    /** A classification set: features N × D and one label in [0, numClasses) per row. */
    public static DataSet ofClasses(INDArray features, int[] labels, int numClasses) {
        checkFeatures(features);
        if (labels.length != features.rows()) {
            throw new DataException("the data has " + features.rows() + " feature rows but " + labels.length + " labels");
        }
        if (numClasses < 1) {
            throw new DataException("the number of classes must be at least 1, got " + numClasses);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new DataException("label " + labels[i] + " of sample " + i + " is outside the classes 0.." + (numClasses - 1));
            }
        }
        AllocationLimit.check(AllocationLimit.bytes((long) labels.length * numClasses, features.dataType().width()),
                "the one-hot targets of " + labels.length + " samples × " + numClasses + " classes", DataException::new);
        INDArray oneHot = Nd4j.zeros(features.dataType(), labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            oneHot.putScalar(i, labels[i], 1.0);
        }
        return new DataSet(features, oneHot, labels.clone(), numClasses);
    }

    /**
     * A binary classification set for a network with one logistic output (C = 1): features N × D, one
     * label 0 or 1 per row, targets N × 1 holding the label (y = P(class 1)); two classes.
     */
    public static DataSet ofBinaryLabels(INDArray features, int[] labels) {
        DataSet twoColumns = ofClasses(features, labels, 2);
        INDArray column = twoColumns.targets.getColumns(1).dup();
        return new DataSet(features, column, twoColumns.labels, 2);
    }

    /** A classification set from rows of doubles. */
    public static DataSet ofClasses(double[][] features, int[] labels, int numClasses) {
        return ofClasses(Nd4j.create(rectangular(features.length, i -> features[i].length, features)), labels, numClasses);
    }

    /** A classification set from rows of floats. */
    public static DataSet ofClasses(float[][] features, int[] labels, int numClasses) {
        return ofClasses(Nd4j.create(rectangular(features.length, i -> features[i].length, features)), labels, numClasses);
    }

    /** A regression (or multi-label) set: features N × D, targets N × K. */
    public static DataSet ofTargets(INDArray features, INDArray targets) {
        checkFeatures(features);
        if (targets.rank() != 2 || targets.rows() != features.rows()) {
            throw new DataException("targets of shape " + Arrays.toString(targets.shape()) + " do not match "
                    + features.rows() + " feature rows");
        }
        checkFinite("target", targets);
        return new DataSet(features, targets, null, 0);
    }

    private static <T> T rectangular(int rows, java.util.function.IntUnaryOperator length, T data) {
        if (rows == 0) {
            throw new DataException("the data set is empty: no samples");
        }
        int width = length.applyAsInt(0);
        for (int i = 1; i < rows; i++) {
            if (length.applyAsInt(i) != width) {
                throw new DataException("row " + i + " has " + length.applyAsInt(i) + " features, row 0 has " + width);
            }
        }
        return data;
    }

    private static void checkFeatures(INDArray features) {
        if (features == null || features.rank() != 2) {
            throw new DataException("features must be a matrix of N rows × D features, got shape "
                    + (features == null ? "null" : Arrays.toString(features.shape())));
        }
        if (features.rows() == 0 || features.columns() == 0) {
            throw new DataException("the data set is empty: shape " + Arrays.toString(features.shape()));
        }
        checkFinite("feature", features);
    }

    /**
     * Fails naming the first NaN or infinite value. The sum is the fast test; a sum that overflows
     * although every value is finite (two values near the float maximum) is let through.
     */
    private static void checkFinite(String what, INDArray values) {
        if (Double.isFinite(values.sumNumber().doubleValue())) {
            return;
        }
        INDArray bad = values.isNaN().castTo(DataType.INT32).addi(values.isInfinite().castTo(DataType.INT32));
        if (bad.maxNumber().intValue() == 0) {
            return;
        }
        long index = bad.reshape(bad.length()).argMax().getLong(0);
        long row = index / values.columns();
        long column = index % values.columns();
        throw new DataException("sample " + row + ", " + what + " " + column + " is " + values.getDouble(row, column)
                + ": NaN and infinite values cannot be trained on");
    }

    public INDArray features() {
        return features;
    }

    /** N × C: one-hot rows for a classification set. */
    public INDArray targets() {
        return targets;
    }

    /** The class of each row, or null for a regression set. */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** The labels without a copy, for the package's batching. */
    int[] labelsView() {
        return labels;
    }

    /** C for a classification set, 0 for regression. */
    public int numClasses() {
        return numClasses;
    }

    /**
     * Whether some features are missing (NaN), as a CSV file read with {@link Missing#MEAN} leaves them: such a
     * set is split first, then {@link #filledBy filled} with means fitted on its training part; it cannot be trained on.
     */
    public boolean hasMissingValues() {
        return missingValues;
    }

    /** This set (its shape checked) with {@code withNaN} as features: the same values, NaN where one is missing. */
    DataSet withMissingValues(INDArray withNaN) {
        if (!Arrays.equals(withNaN.shape(), features.shape())) {
            throw new DataException("features " + Arrays.toString(withNaN.shape()) + " for a set of " + Arrays.toString(features.shape()));
        }
        return new DataSet(withNaN, targets, labels, numClasses, true);
    }

    /**
     * This set with each missing feature filled in place by {@code encoding}'s fitted means
     * ({@link InputEncoding#fillMissing}); the set itself when nothing is missing.
     */
    public DataSet filledBy(InputEncoding encoding) {
        if (!missingValues) {
            return this;
        }
        encoding.fillMissing(features);
        return new DataSet(features, targets, labels, numClasses, false);
    }

    public boolean isClassification() {
        return labels != null;
    }

    public int size() {
        return (int) features.rows();
    }

    public int featureCount() {
        return (int) features.columns();
    }

    /** The same samples with features and targets in {@code type} (this set if already so). */
    public DataSet castTo(DataType type) {
        if (features.dataType() == type && targets.dataType() == type) {
            return this;
        }
        return new DataSet(features.castTo(type), targets.castTo(type), labels, numClasses, missingValues);
    }

    /**
     * A copy whose features are {@code fitted.transform}ed (N × D in, N × D out); the targets are shared.
     * A model trained on the copy must be saved with {@code fitted}, so that it takes this set's rows.
     */
    public DataSet normalizedBy(Normalizer fitted) {
        return new DataSet(fitted.transform(features.dup()), targets, labels, numClasses, missingValues);
    }

    /** The samples at {@code rows}, in that order, copied. */
    public DataSet select(int[] rows) {
        INDArray x = Nd4j.pullRows(features, 1, rows);
        INDArray y = Nd4j.pullRows(targets, 1, rows);
        int[] chosen = null;
        if (labels != null) {
            chosen = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                chosen[i] = labels[rows[i]];
            }
        }
        return new DataSet(x, y, chosen, numClasses, missingValues);
    }

    /** A shuffled split: the first {@code fraction} of a seeded permutation and the rest. */
    public Split split(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new DataException("the split fraction must be between 0 and 1, got " + fraction);
        }
        int[] order = permutation(size(), new Random(seed));
        int cut = (int) Math.round(size() * fraction);
        if (cut == 0 || cut == size()) {
            throw new DataException("splitting " + size() + " samples at " + fraction + " leaves one side empty");
        }
        return new Split(select(Arrays.copyOfRange(order, 0, cut)), select(Arrays.copyOfRange(order, cut, size())));
    }

    /** A Fisher–Yates permutation of 0..n−1. */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Two disjoint parts of one data set. */
    public record Split(DataSet train, DataSet test) {
    }
}
