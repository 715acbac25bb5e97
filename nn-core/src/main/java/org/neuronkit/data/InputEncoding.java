package org.neuronkit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.DataException;

/**
 * How a row of raw input columns becomes the network's F features, the transformation that comes before
 * the {@link Normalizer}:
 * <ul>
 * <li>a numeric column is one feature, its value;
 * <li>a categorical column with the K categories c₁ … c_K (sorted, as seen in training) is K features,
 * one-hot: x_k = [cell = c_k], named {@code column=c_k}; a category not among them fails, or with
 * {@link UnknownCategory#IGNORE} is all zeros;
 * <li>a missing cell ({@link Missing}) is NaN in every feature of its column; with {@code missing_means}
 * (fitted by {@link #withMeansOf} on the training split only, as {@code --missing mean} does) each NaN
 * becomes its feature's training mean (for a categorical column: the share of each category).
 * </ul>
 * Stored in a model file as the JSON {@code {"columns": [{"name": "width"}, {"name": "colour", "categories":
 * ["blue", "red"]}], "missing_means": [μ₁, …, μ_F]}} ({@code missing_means} only when fitted).
 *
 * <h2>Shapes</h2>
 * A raw row has {@link #rawColumns()} cells; an encoded row has {@link #width()} = Σ (1 or K) features.
 */
public final class InputEncoding {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One raw column: its name and, for a categorical column, its categories in feature order (empty: numeric). */
    public record Column(String name, List<String> categories) {
        public Column {
            categories = categories == null ? List.of() : List.copyOf(categories);
        }

        /** A numeric column. */
        public static Column numeric(String name) {
            return new Column(name, List.of());
        }

        public boolean categorical() {
            return !categories.isEmpty();
        }

        /** The features the column becomes: 1, or K categories. */
        public int width() {
            return categorical() ? categories.size() : 1;
        }
    }

    private final List<Column> columns;
    private final List<Map<String, Integer>> indexOf;
    private final double[] means;

    private InputEncoding(List<Column> columns, double[] means) {
        this.columns = List.copyOf(columns);
        this.means = means;
        this.indexOf = new ArrayList<>();
        for (Column column : this.columns) {
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < column.categories().size(); k++) {
                if (index.put(column.categories().get(k), k) != null) {
                    throw new DataException("column " + column.name() + " lists the category '" + column.categories().get(k) + "' twice");
                }
            }
            indexOf.add(index);
        }
        if (means != null && means.length != width()) {
            throw new DataException(means.length + " missing-value means for the " + width() + " features of the encoding");
        }
    }

    /** The encoding of {@code columns}, without fitted means. */
    public static InputEncoding of(List<Column> columns) {
        return new InputEncoding(columns, null);
    }

    public List<Column> columns() {
        return columns;
    }

    /** The cells of a raw row. */
    public int rawColumns() {
        return columns.size();
    }

    /** F, the features of an encoded row. */
    public int width() {
        return columns.stream().mapToInt(Column::width).sum();
    }

    /** Whether a column is categorical (one-hot), so that rows of numbers alone cannot be encoded. */
    public boolean hasCategories() {
        return columns.stream().anyMatch(Column::categorical);
    }

    /** The fitted mean of each feature, or null when none are fitted (a missing value then fails). */
    public double[] missingMeans() {
        return means == null ? null : means.clone();
    }

    /** Whether encoding does more than pass numbers through: a categorical column or fitted means. */
    public boolean transforms() {
        return hasCategories() || means != null;
    }

    /** The name of each encoded feature: a numeric column's name, {@code column=category} for each one-hot feature. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (Column column : columns) {
            if (column.categorical()) {
                column.categories().forEach(c -> names.add(column.name() + "=" + c));
            } else {
                names.add(column.name());
            }
        }
        return names;
    }

    /** The index (from 0) in column {@code raw}'s categories of {@code cell}, or −1 when it is not one of them. */
    public int category(int raw, String cell) {
        return indexOf.get(raw).getOrDefault(cell, -1);
    }

    /** The first encoded feature of raw column {@code raw}. */
    public int offset(int raw) {
        int at = 0;
        for (int c = 0; c < raw; c++) {
            at += columns.get(c).width();
        }
        return at;
    }

    /**
     * This encoding with the mean of each feature over the rows of {@code train} (N × F, NaN where a value is
     * missing) that have it: fit on the training split only. A feature with no value in any row fails.
     */
    public InputEncoding withMeansOf(INDArray train) {
        requireWidth(train);
        double[][] rows = train.toDoubleMatrix();
        double[] fitted = new double[width()];
        List<String> names = featureNames();
        for (int f = 0; f < fitted.length; f++) {
            double sum = 0;
            int present = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[f])) {
                    sum += row[f];
                    present++;
                }
            }
            if (present == 0) {
                throw new DataException("feature " + names.get(f) + " has no value in any training row: no mean to fill in");
            }
            fitted[f] = sum / present;
        }
        return new InputEncoding(columns, fitted);
    }

    /**
     * Fills each NaN (a missing value) of {@code x} (N × F) in place with its feature's fitted mean and returns x;
     * without fitted means a NaN fails, naming its row and feature.
     */
    public INDArray fillMissing(INDArray x) {
        requireWidth(x);
        double[][] rows = x.toDoubleMatrix();
        for (int n = 0; n < rows.length; n++) {
            for (int f = 0; f < rows[n].length; f++) {
                if (Double.isNaN(rows[n][f])) {
                    if (means == null) {
                        throw noMeans(n, f);
                    }
                    x.putScalar(n, f, means[f]);
                }
            }
        }
        return x;
    }

    private DataException noMeans(int row, int feature) {
        return new DataException("row " + (row + 1) + ", feature " + featureNames().get(feature) + ": a missing value, and the model"
                + " records no means to fill it with (it was not trained with --missing mean)");
    }

    /** Fills each NaN of the rows (each F values) in place, as {@link #fillMissing(INDArray)}. */
    public void fillMissing(float[][] rows) {
        for (int n = 0; n < rows.length; n++) {
            for (int f = 0; f < rows[n].length && f < width(); f++) {
                if (Float.isNaN(rows[n][f])) {
                    if (means == null) {
                        throw noMeans(n, f);
                    }
                    rows[n][f] = (float) means[f];
                }
            }
        }
    }

    /**
     * Encodes raw text rows (each {@link #rawColumns()} cells: numbers as Java writes them, category names, or a
     * missing marker) into F features each, missing values filled with the fitted means (else failing).
     * An unknown category fails naming the row, column, value and the known categories, or with
     * {@link UnknownCategory#IGNORE} is all zeros.
     */
    public float[][] encode(String[][] rows, UnknownCategory unknown) {
        float[][] encoded = new float[rows.length][width()];
        for (int n = 0; n < rows.length; n++) {
            String[] cells = rows[n];
            if (cells == null) {
                throw new DataException("row " + (n + 1) + " is null; the model's inputs are the " + rawColumns() + " columns "
                        + String.join(", ", columns.stream().map(Column::name).toList()));
            }
            if (cells.length != rawColumns()) {
                throw new DataException("row " + (n + 1) + " has " + cells.length + " cells, the model's inputs are the " + rawColumns()
                        + " columns " + String.join(", ", columns.stream().map(Column::name).toList()));
            }
            for (int c = 0; c < cells.length; c++) {
                String cell = cells[c] == null ? "" : cells[c].trim();
                int at = offset(c);
                if (Missing.marks(cell)) {
                    Arrays.fill(encoded[n], at, at + columns.get(c).width(), Float.NaN);
                } else if (columns.get(c).categorical()) {
                    int k = known(c, cell, "row " + (n + 1), unknown);
                    if (k >= 0) {
                        encoded[n][at + k] = 1;
                    }
                } else {
                    double value;
                    try {
                        value = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new DataException("row " + (n + 1) + ", column " + columns.get(c).name() + ": '" + cell + "' is not a number");
                    }
                    if (Math.abs(value) > Float.MAX_VALUE) {
                        throw new DataException("row " + (n + 1) + ", column " + columns.get(c).name() + ": '" + cell + "' is beyond FLOAT's"
                                + " range (±" + Float.MAX_VALUE + ")");
                    }
                    encoded[n][at] = (float) value;
                }
            }
        }
        fillMissing(encoded);
        return encoded;
    }

    /**
     * The category index of {@code cell} in raw column {@code c}; an unknown one fails naming {@code where},
     * the column, the value and the known categories, or is −1 with {@link UnknownCategory#IGNORE}.
     */
    int known(int c, String cell, String where, UnknownCategory unknown) {
        int k = category(c, cell);
        if (k < 0 && unknown == UnknownCategory.ERROR) {
            throw new DataException(where + ", column " + columns.get(c).name() + ": unknown category '" + cell
                    + "'; the model knows " + String.join(", ", columns.get(c).categories())
                    + " (give --unknown-category ignore to encode it as all zeros)");
        }
        return k;
    }

    private void requireWidth(INDArray x) {
        if (x.rank() != 2 || x.columns() != width()) {
            throw new DataException("the encoding has " + width() + " features, the data " + Arrays.toString(x.shape()));
        }
    }

    /** The JSON a model file stores. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("columns");
        for (Column column : columns) {
            ObjectNode node = list.addObject().put("name", column.name());
            if (column.categorical()) {
                ArrayNode categories = node.putArray("categories");
                column.categories().forEach(categories::add);
            }
        }
        if (means != null) {
            ArrayNode values = root.putArray("missing_means");
            Arrays.stream(means).forEach(values::add);
        }
        return root.toString();
    }

    /**
     * The encoding {@link #toJson} wrote; fails with a {@link DataException} naming what is wrong (the caller adds the file).
     */
    public static InputEncoding fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode list = root == null ? null : root.get("columns");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw new DataException("input encoding " + json + " has no columns");
            }
            List<Column> columns = new ArrayList<>();
            for (JsonNode node : list) {
                JsonNode name = node.get("name");
                JsonNode categories = node.get("categories");
                if (name == null || !name.isTextual() || categories != null && (!categories.isArray() || categories.isEmpty())) {
                    throw new DataException("input encoding column " + node + " needs a name and, if categorical, a non-empty list of categories");
                }
                List<String> names = new ArrayList<>();
                if (categories != null) {
                    categories.forEach(c -> names.add(c.isTextual() ? c.textValue() : null));
                    if (names.contains(null)) {
                        throw new DataException("input encoding column " + node + ": the categories must be strings");
                    }
                }
                columns.add(new Column(name.textValue(), names));
            }
            JsonNode meanList = root.get("missing_means");
            double[] fitted = null;
            if (meanList != null) {
                if (!meanList.isArray()) {
                    throw new DataException("input encoding: missing_means is " + meanList + ", not an array");
                }
                fitted = new double[meanList.size()];
                for (int f = 0; f < fitted.length; f++) {
                    JsonNode v = meanList.get(f);
                    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                        throw new DataException("input encoding: missing_means[" + f + "] is " + v + ", not a finite number");
                    }
                    fitted[f] = v.doubleValue();
                }
            }
            return new InputEncoding(columns, fitted);
        } catch (JsonProcessingException e) {
            throw new DataException("input encoding is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputEncoding other && columns.equals(other.columns) && Arrays.equals(means, other.means);
    }

    @Override
    public int hashCode() {
        return columns.hashCode() * 31 + Arrays.hashCode(means);
    }

    @Override
    public String toString() {
        return toJson();
    }
}
