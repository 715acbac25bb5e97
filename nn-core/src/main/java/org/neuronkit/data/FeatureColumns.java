package org.neuronkit.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neuronkit.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kinds of a CSV file's R feature columns while {@link CsvReader} reads it, and the categories of the
 * categorical ones, so that it can store each raw cell as one number: a numeric cell's value, or a
 * categorical cell's category id. A column is categorical when
 * <ul>
 * <li>a fixed {@link InputEncoding} (a trained model's) says so; its categories are the encoding's, an
 * unknown one fails or, with {@link UnknownCategory#IGNORE}, is id −1 (all zeros) with a warning;
 * <li>or it is named in {@code --categorical-columns}: every non-missing cell is a category;
 * <li>or (detected) its first non-missing cell is not a number: later cells are categories too, numbers
 * among them. A numeric column whose later cell is text fails (the reader's message says how to read it
 * as categorical).
 * </ul>
 * {@link #encoding} sorts each column's categories (as scikit-learn's OneHotEncoder does) and
 * {@link #expand} turns raw rows into one-hot encoded ones.
 */
final class FeatureColumns {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureColumns.class);

    private final String[] names;
    private final Boolean[] categorical;
    private final List<Map<String, Integer>> seen = new ArrayList<>();
    private final InputEncoding fixed;
    private final UnknownCategory unknown;
    private final boolean numericOnly;
    private long ignoredUnknown;

    private FeatureColumns(String[] names, Boolean[] categorical, InputEncoding fixed, UnknownCategory unknown, boolean numericOnly) {
        this.names = names;
        this.categorical = categorical;
        this.fixed = fixed;
        this.unknown = unknown;
        this.numericOnly = numericOnly;
        for (int f = 0; f < names.length; f++) {
            seen.add(new LinkedHashMap<>());
        }
    }

    /**
     * The columns named {@code names} (one per raw feature column); {@code forced} holds the indices (among
     * them) stated categorical; {@code fixed} (may be null) is a model's encoding, which must have as many columns.
     */
    static FeatureColumns of(String[] names, Set<Integer> forced, InputEncoding fixed, UnknownCategory unknown, Path file) {
        Boolean[] kinds = new Boolean[names.length];
        if (fixed != null) {
            if (fixed.rawColumns() != names.length) {
                throw new DataException("file " + file + " has " + names.length + " feature columns, the model was trained on "
                        + fixed.rawColumns() + ": " + String.join(", ", fixed.columns().stream().map(InputEncoding.Column::name).toList()));
            }
            for (int f = 0; f < names.length; f++) {
                kinds[f] = fixed.columns().get(f).categorical();
            }
        } else {
            forced.forEach(f -> kinds[f] = true);
        }
        return new FeatureColumns(names, kinds, fixed, unknown, false);
    }

    /** Columns that are all numeric (a streamed file): a text cell fails. */
    static FeatureColumns numeric(String[] names) {
        Boolean[] kinds = new Boolean[names.length];
        java.util.Arrays.fill(kinds, false);
        return new FeatureColumns(names, kinds, null, UnknownCategory.ERROR, true);
    }

    /**
     * Whether feature column {@code f}'s non-missing {@code cell} is read as a category; decides an undecided
     * column by whether the cell is a number.
     */
    boolean categorical(int f, boolean isNumber) {
        if (categorical[f] == null) {
            categorical[f] = !isNumber;
        }
        return categorical[f];
    }

    /** Whether feature column {@code f} was decided numeric by detection (not by a model or an option). */
    boolean detectedNumeric(int f) {
        return !numericOnly && fixed == null && Boolean.FALSE.equals(categorical[f]);
    }

    /** The id of {@code cell} in categorical feature column {@code f} (on {@code line}, in file column {@code column} from 1). */
    double category(int f, String cell, Path file, int line, String column) {
        if (fixed != null) {
            int k = fixed.known(f, cell, "file " + file + ", line " + line, unknown);
            if (k < 0) {
                ignoredUnknown++;
            }
            return k;
        }
        Map<String, Integer> ids = seen.get(f);
        Integer id = ids.get(cell);
        if (id == null) {
            id = ids.size();
            ids.put(cell, id);
        }
        return id;
    }

    /** The encoding of the columns read: the fixed one, or each column's categories sorted. */
    InputEncoding encoding() {
        if (fixed != null) {
            return fixed;
        }
        List<InputEncoding.Column> columns = new ArrayList<>();
        for (int f = 0; f < names.length; f++) {
            columns.add(new InputEncoding.Column(names[f], Boolean.TRUE.equals(categorical[f])
                    ? seen.get(f).keySet().stream().sorted().toList() : List.of()));
        }
        return InputEncoding.of(columns);
    }

    /**
     * The {@code rows} raw rows of {@code raw} (R values each: numbers, category ids, NaN for missing) as
     * encoded rows of F values: one-hot blocks for the categorical columns (all NaN for a missing cell, all
     * zero for an ignored unknown category).
     */
    double[] expand(double[] raw, int rows, InputEncoding encoding, Path file) {
        if (ignoredUnknown > 0) {
            LOG.warn("file {}: {} cells hold a category the model does not know, encoded as all zeros (--unknown-category ignore)",
                    file, ignoredUnknown);
        }
        int width = encoding.width();
        double[] out = new double[rows * width];
        List<int[]> remap = new ArrayList<>();
        for (int f = 0; f < names.length; f++) {
            InputEncoding.Column column = encoding.columns().get(f);
            int[] sortedOf = new int[seen.get(f).size()];
            if (fixed == null) {
                for (Map.Entry<String, Integer> e : seen.get(f).entrySet()) {
                    sortedOf[e.getValue()] = column.categories().indexOf(e.getKey());
                }
            }
            remap.add(fixed == null ? sortedOf : null);
        }
        for (int n = 0; n < rows; n++) {
            expandRow(raw, n * names.length, encoding, remap, out, n * width);
        }
        return out;
    }

    /**
     * One raw row of a model's encoding ({@link #of} with {@code fixed}), R values from {@code raw[0]}, as its
     * F encoded values into {@code out} from index 0; F = {@code fixed.width()}.
     */
    void encode(double[] raw, double[] out) {
        java.util.Arrays.fill(out, 0, fixed.width(), 0);
        expandRow(raw, 0, fixed, null, out, 0);
    }

    /**
     * Raw row {@code raw[rawAt, rawAt + R)} as encoded values into {@code out} from {@code at} (zeros
     * there already): a categorical column's id j sets its block's entry {@code remap[f][j]} (or j,
     * when {@code remap} is null or its entry is).
     */
    private void expandRow(double[] raw, int rawAt, InputEncoding encoding, List<int[]> remap, double[] out, int at) {
        for (int f = 0; f < names.length; f++) {
            double v = raw[rawAt + f];
            InputEncoding.Column column = encoding.columns().get(f);
            if (!column.categorical()) {
                out[at++] = v;
                continue;
            }
            if (Double.isNaN(v)) {
                java.util.Arrays.fill(out, at, at + column.width(), Double.NaN);
            } else if (v >= 0) {
                int id = (int) v;
                int[] sorted = remap == null ? null : remap.get(f);
                out[at + (sorted == null ? id : sorted[id])] = 1;
            }
            at += column.width();
        }
    }
}
