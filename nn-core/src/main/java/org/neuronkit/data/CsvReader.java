package org.neuronkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a numeric CSV file for classification: every cell a finite number, one column the class
 * label (a non-negative integer). The file may be gzipped (recognised by its magic bytes). Blank
 * lines are skipped; cells are trimmed; quoting is not supported (the files are numeric).
 *
 * <p>A bad value fails with a {@link DataException} naming the file, the line and the column
 * (both counted from 1) and the offending cell.
 *
 * <h2>Shapes</h2>
 * With W columns and N data rows: a classification {@link DataSet} with features N × (W−1) in the
 * configured data type (FLOAT by default), the columns in file order without the label column, and
 * N labels.
 *
 * <p>Instances are immutable; {@code with…} returns a changed copy.
 */
public final class CsvReader {
    private final boolean header;
    private final int labelColumn;
    private final char delimiter;
    private final DataType dataType;
    private final int numClasses;
    private final Pattern separator;

    private CsvReader(boolean header, int labelColumn, char delimiter, DataType dataType, int numClasses) {
        this.header = header;
        this.labelColumn = labelColumn;
        this.delimiter = delimiter;
        this.dataType = dataType;
        this.numClasses = numClasses;
        this.separator = Pattern.compile(Pattern.quote(String.valueOf(delimiter)));
    }

    /** No header line, the label in the last column, comma-separated, FLOAT features. */
    public static CsvReader defaults() {
        return new CsvReader(false, -1, ',', DataType.FLOAT, 0);
    }

    /** Whether the first non-blank line is a header to skip. */
    public CsvReader withHeader(boolean hasHeader) {
        return new CsvReader(hasHeader, labelColumn, delimiter, dataType, numClasses);
    }

    /** The label's column, counted from 0; a negative index counts from the end (−1 is the last column). */
    public CsvReader withLabelColumn(int index) {
        return new CsvReader(header, index, delimiter, dataType, numClasses);
    }

    public CsvReader withDelimiter(char separator) {
        return new CsvReader(header, labelColumn, separator, dataType, numClasses);
    }

    /** The data type of the feature matrix (FLOAT or DOUBLE). */
    public CsvReader withDataType(DataType type) {
        if (!type.isFPType()) {
            throw new DataException("CSV features must be floating point, not " + type);
        }
        return new CsvReader(header, labelColumn, delimiter, type, numClasses);
    }

    /**
     * The number of classes C; labels must lie in [0, C). By default (0) C is the largest label
     * plus one, which undercounts when the file lacks the last classes (e.g. a small test split).
     */
    public CsvReader withClasses(int classes) {
        if (classes <= 0) {
            throw new DataException("the number of classes must be positive, got " + classes);
        }
        return new CsvReader(header, labelColumn, delimiter, dataType, classes);
    }

    /** The file as a classification {@link DataSet}. */
    public DataSet read(Path file) {
        return (DataSet) read(file, true);
    }

    /**
     * A file without labels, every column a feature (e.g. inputs to predict): an N × W matrix in the
     * configured data type. The label column, classes and the checks on labels do not apply.
     */
    public INDArray readFeatures(Path file) {
        return (INDArray) read(file, false);
    }

    private Object read(Path file, boolean labelled) {
        try (GzipOrRaw source = GzipOrRaw.open(file);
             BufferedReader lines = new BufferedReader(new InputStreamReader(source.stream(), StandardCharsets.UTF_8))) {
            return parse(lines, file, labelled);
        } catch (IOException e) {
            throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Object parse(BufferedReader lines, Path file, boolean labelled) throws IOException {
        double[] values = new double[1024];
        int[] labels = new int[64];
        int rows = 0;
        int width = -1;
        int label = -1;
        boolean skipHeader = header;
        String line;
        for (int lineNo = 1; (line = lines.readLine()) != null; lineNo++) {
            if (line.isBlank()) {
                continue;
            }
            if (skipHeader) {
                skipHeader = false;
                continue;
            }
            String[] cells = split(line);
            if (width < 0) {
                width = labelled ? cells.length : cells.length + 1;
                label = !labelled ? -1 : labelColumn < 0 ? width + labelColumn : labelColumn;
                if (labelled && (width < 2 || label < 0 || label >= width)) {
                    throw new DataException(String.format("file %s, line %d: label column %d is outside the %d columns",
                            file, lineNo, labelColumn, width));
                }
            }
            int columns = labelled ? width : width - 1;
            if (cells.length != columns) {
                throw new DataException(String.format("file %s, line %d, column %d: row has %d columns, expected %d",
                        file, lineNo, Math.min(cells.length, columns) + 1, cells.length, columns));
            }
            if ((long) (rows + 1) * (width - 1) > IdxReader.MAX_VALUES) {
                throw new DataException("file " + file + ", line " + lineNo + ": more values than one array can hold");
            }
            values = ensure(values, (rows + 1) * (width - 1));
            labels = rows < labels.length ? labels : Arrays.copyOf(labels, labels.length * 2);
            int at = rows * (width - 1);
            for (int c = 0; c < columns; c++) {
                double v = number(cells[c], file, lineNo, c);
                if (c == label) {
                    labels[rows] = classIndex(v, cells[c], file, lineNo, c);
                } else {
                    values[at++] = v;
                }
            }
            rows++;
        }
        if (rows == 0) {
            throw new DataException("file " + file + ": no data rows");
        }
        INDArray features = Nd4j.create(Arrays.copyOf(values, rows * (width - 1)), new long[] {rows, width - 1}, dataType);
        if (!labelled) {
            return features;
        }
        int[] classes = Arrays.copyOf(labels, rows);
        int c = numClasses > 0 ? numClasses : Arrays.stream(classes).max().getAsInt() + 1;
        try {
            return DataSet.ofClasses(features, classes, c);
        } catch (DataException e) {
            throw new DataException("file " + file + ": " + e.getMessage(), e);
        }
    }

    boolean hasHeader() {
        return header;
    }

    DataType dataType() {
        return dataType;
    }

    /** The configured number of classes, or 0 when it comes from the largest label. */
    int classes() {
        return numClasses;
    }

    /**
     * Parses one data line of a labelled file whose rows have {@code width} columns: the features, in
     * file order without the label, into {@code into} from {@code offset}; returns the label. Fails
     * like {@link #read} on a wrong column count, a bad number or a bad label.
     */
    int parseLabelled(String line, Path file, int lineNo, int width, float[] into, int offset) {
        String[] cells = split(line);
        int label = labelColumn < 0 ? width + labelColumn : labelColumn;
        if (width < 2 || label < 0 || label >= width) {
            throw new DataException(String.format("file %s, line %d: label column %d is outside the %d columns",
                    file, lineNo, labelColumn, width));
        }
        if (cells.length != width) {
            throw new DataException(String.format("file %s, line %d, column %d: row has %d columns, expected %d",
                    file, lineNo, Math.min(cells.length, width) + 1, cells.length, width));
        }
        int classIndex = -1;
        int at = offset;
        for (int c = 0; c < width; c++) {
            double v = number(cells[c], file, lineNo, c);
            if (c == label) {
                classIndex = classIndex(v, cells[c], file, lineNo, c);
            } else {
                into[at++] = (float) v;
            }
        }
        return classIndex;
    }

    /** The number of cells of a line. */
    int width(String line) {
        return split(line).length;
    }

    private String[] split(String line) {
        String[] cells = separator.split(line, -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
        }
        return cells;
    }

    private static double[] ensure(double[] values, int needed) {
        return needed <= values.length ? values
                : Arrays.copyOf(values, (int) Math.min(Math.max(needed, 2L * values.length), IdxReader.MAX_VALUES));
    }

    private static double number(String cell, Path file, int line, int column) {
        try {
            double v = Double.parseDouble(cell);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(String.format("file %s, line %d, column %d: '%s' is not a finite number",
                file, line, column + 1, cell));
    }

    /** The label in a cell: a non-negative integer, below the number of classes if one is set. */
    private int classIndex(double v, String cell, Path file, int line, int column) {
        if (v < 0 || v > Integer.MAX_VALUE || v != Math.rint(v)) {
            throw new DataException(String.format(
                    "file %s, line %d, column %d: label '%s' is not a class index (a non-negative integer)",
                    file, line, column + 1, cell));
        }
        if (numClasses > 0 && v >= numClasses) {
            throw new DataException(String.format("file %s, line %d, column %d: label %s is outside the classes 0..%d",
                    file, line, column + 1, cell, numClasses - 1));
        }
        return (int) v;
    }
}
