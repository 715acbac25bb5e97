package org.neuronkit.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.neuronkit.ConfigurationException;

/**
 * K-fold cross-validation's partition of a data set: every row in exactly one of K folds. The rows are
 * shuffled with the seed, then dealt out round-robin, fold 0, 1, …, K − 1, 0, …; for a classification the
 * rows are dealt class by class (the count running on from one class to the next), so each class's rows
 * are spread over the folds with counts that differ by at most one (stratified), and so are the folds'
 * sizes. Fold k's {@link #split split} trains on the other K − 1 folds and validates on fold k.
 */
public final class Folds {
    private final DataSet data;
    private final int count;
    private final int[] foldOfRow;

    private Folds(DataSet data, int count, int[] foldOfRow) {
        this.data = data;
        this.count = count;
        this.foldOfRow = foldOfRow;
    }

    /** {@code count} folds of {@code data} (stratified by label for a classification), shuffled with {@code seed}. */
    public static Folds of(DataSet data, int count, long seed) {
        if (count < 2 || count > data.size()) {
            throw new ConfigurationException("--folds takes between 2 and the " + data.size() + " training samples, got " + count);
        }
        int[] order = DataSet.permutation(data.size(), new Random(seed));
        List<List<Integer>> groups = new ArrayList<>();
        if (data.isClassification()) {
            int[] labels = data.labels();
            for (int c = 0; c < data.numClasses(); c++) {
                groups.add(new ArrayList<>());
            }
            for (int row : order) {
                groups.get(labels[row]).add(row);
            }
        } else {
            List<Integer> all = new ArrayList<>();
            for (int row : order) {
                all.add(row);
            }
            groups.add(all);
        }
        int[] foldOfRow = new int[data.size()];
        int dealt = 0;
        for (List<Integer> group : groups) {
            for (int row : group) {
                foldOfRow[row] = dealt++ % count;
            }
        }
        return new Folds(data, count, foldOfRow);
    }

    /** K. */
    public int count() {
        return count;
    }

    /** The fold (0 … K − 1) of each row of the data set. */
    public int[] foldOfRow() {
        return foldOfRow.clone();
    }

    /** Fold {@code fold} (0 … K − 1) held out: {@code train} is the other folds' rows, {@code test} this fold's, each in row order. */
    public DataSet.Split split(int fold) {
        if (fold < 0 || fold >= count) {
            throw new ConfigurationException("fold " + fold + " does not exist: the folds are 0 to " + (count - 1));
        }
        int held = 0;
        for (int f : foldOfRow) {
            held += f == fold ? 1 : 0;
        }
        int[] train = new int[foldOfRow.length - held];
        int[] test = new int[held];
        int t = 0;
        int v = 0;
        for (int row = 0; row < foldOfRow.length; row++) {
            if (foldOfRow[row] == fold) {
                test[v++] = row;
            } else {
                train[t++] = row;
            }
        }
        return new DataSet.Split(data.select(train), data.select(test));
    }
}
