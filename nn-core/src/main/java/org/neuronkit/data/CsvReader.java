package org.neuronkit.data;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.regex.Pattern;

import org.neuronkit.AllocationLimit;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.backend.ThreadSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a numeric CSV file for classification: every cell a finite number, one column the class
 * label (a non-negative integer). The file may be gzipped (recognised by its magic bytes). Blank
 * lines are skipped; cells are trimmed; quoting is not supported (the files are numeric).
 *
 * <p>A bad value fails with a {@link DataException} naming the file, the line and the column
 * (both counted from 1) and the offending cell. Labels must lie in [0, C) for a stated number of
 * classes C ({@link #withClasses}), else in [0, {@value #MAX_INFERRED_CLASSES}); a line longer than
 * {@value #MAX_LINE_CHARS} characters and more values than the {@link AllocationLimit} allows (8
 * bytes each while reading) fail before they are read into memory.
 *
 * <h2>Shapes</h2>
 * With W columns and N data rows: a classification {@link DataSet} with features N × (W−1) in the
 * configured data type (FLOAT by default), the columns in file order without the label column, and
 * N labels.
 *
 * <p>Instances are immutable; {@code with…} returns a changed copy.
 */
public final class CsvReader {
    static {
        ThreadSetup.ensure(); // before ND4J loads its native libraries
    }

    /** Without a stated number of classes, labels must be below this. */
    public static final int MAX_INFERRED_CLASSES = 10_000;
    /** A longer line fails (a file without line breaks must not fill the heap). */
    static final int MAX_LINE_CHARS = 1 << 24;
    private static final Logger LOG = LoggerFactory.getLogger(CsvReader.class);
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
     * plus one, which undercounts when the file lacks the last classes (e.g. a small test split);
     * classes below it without a sample are logged as a warning.
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
             Reader text = new InputStreamReader(source.stream(), StandardCharsets.UTF_8)) {
            return parse(new BoundedLines(text, file, MAX_LINE_CHARS), file, labelled);
        } catch (IOException e) {
            throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private Object parse(BoundedLines lines, Path file, boolean labelled) throws IOException {
        double[] values = new double[1024];
        int[] labels = new int[64];
        int rows = 0;
        int width = -1;
        int label = -1;
        boolean skipHeader = header;
        String line;
        while ((line = lines.next()) != null) {
            int lineNo = lines.lineNumber();
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
            long needed = (long) (rows + 1) * (width - 1);
            if (needed > IdxReader.MAX_VALUES) {
                throw new DataException("file " + file + ", line " + lineNo + ": more values than one array can hold");
            }
            AllocationLimit.check(AllocationLimit.bytes(needed, Double.BYTES), "file " + file + ", line " + lineNo
                    + ": reading " + (rows + 1) + " rows of " + (width - 1) + " values", DataException::new);
            values = ensure(values, (int) needed);
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
        int c = numClasses > 0 ? numClasses : inferredClasses(classes, file);
        try {
            return DataSet.ofClasses(features, classes, c);
        } catch (DataException e) {
            throw new DataException("file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * C = the largest label + 1, with a warning when some classes below it have no sample (labels
     * that are codes rather than class indices, or a file lacking classes).
     */
    private static int inferredClasses(int[] labels, Path file) {
        BitSet present = new BitSet();
        for (int l : labels) {
            present.set(l);
        }
        int classes = present.length();
        if (present.cardinality() < classes) {
            LOG.warn("file {}: the labels use {} of the classes 0..{}; {} classes have no sample (first: {})", file,
                    present.cardinality(), classes - 1, classes - present.cardinality(), present.nextClearBit(0));
        }
        return classes;
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
                : Arrays.copyOf(values, (int) Math.min(Math.max(needed, 2L * values.length),
                        Math.min(IdxReader.MAX_VALUES, AllocationLimit.maxBytes() / Double.BYTES)));
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

    /**
     * The label in a cell: an integer in [0, C) when the number of classes C is set, else in
     * [0, {@value #MAX_INFERRED_CLASSES}).
     */
    private int classIndex(double v, String cell, Path file, int line, int column) {
        if (v < 0 || v != Math.rint(v)) {
            throw new DataException(String.format(
                    "file %s, line %d, column %d: label '%s' is not a class index (a non-negative integer)",
                    file, line, column + 1, cell));
        }
        int classes = numClasses > 0 ? numClasses : MAX_INFERRED_CLASSES;
        if (v >= classes) {
            throw new DataException(String.format("file %s, line %d, column %d: label %s is outside the classes 0..%d%s",
                    file, line, column + 1, cell, classes - 1, numClasses > 0 ? ""
                            : " (labels must be class indices; map other codes to 0..C-1, or state C with withClasses)"));
        }
        return (int) v;
    }
}
