package org.neuronkit.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.neuronkit.AllocationLimit;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.backend.ThreadSetup;

/**
 * Reads a CSV file of numeric features for classification or regression. The cells are parsed by
 * Jackson's CSV module ({@link CsvCells}); the file may be gzipped (recognised by its magic bytes).
 * Blank lines are skipped; cells are trimmed.
 * <ul>
 * <li>Dialect: the delimiter (tab, {@code ;} or {@code ,}) and whether the first row is a header are
 * detected ({@link CsvDialect}) unless stated with {@link #withDelimiter} and {@link #withHeader}.
 * <li>Classification (the default): one column holds the label, an integer or a class name such as
 * {@code setosa}; labels become class indices as {@link LabelCoding} says (sparse integers and names
 * mapped to 0..C−1 with a logged notice), unless the classes are stated ({@link #withClasses},
 * {@link #withClassNames}).
 * <li>Regression ({@link #withTargets}): the last K columns are real-valued targets.
 * </ul>
 *
 * <p>A bad value fails with a {@link DataException} naming the file, the line and the column (both
 * counted from 1) and the offending cell; a text cell on the first line of a file read without a header
 * suggests {@code --csv-header}. A line longer than {@value CsvCells#MAX_LINE_CHARS} characters and more
 * values than the {@link AllocationLimit} allows (8 bytes each while reading) fail before they are
 * read into memory.
 *
 * <h2>Shapes</h2>
 * With W columns and N data rows: features N × (W−1) (classification) or N × (W−K) (regression) in
 * the configured data type (FLOAT by default), the columns in file order without the label or target
 * columns; N labels, or targets N × K.
 *
 * <p>Instances are immutable; {@code with…} returns a changed copy.
 */
public final class CsvReader {
    static {
        ThreadSetup.ensure(); // before ND4J loads its native libraries
    }

    /** Without stated classes, a file may have at most this many distinct labels. */
    public static final int MAX_INFERRED_CLASSES = LabelCoding.MAX_INFERRED_CLASSES;
    private final Boolean header;
    private final int labelColumn;
    private final Character delimiter;
    private final DataType dataType;
    private final LabelCoding classes;
    private final int targets;

    private CsvReader(Boolean header, int labelColumn, Character delimiter, DataType dataType, LabelCoding classes, int targets) {
        this.header = header;
        this.labelColumn = labelColumn;
        this.delimiter = delimiter;
        this.dataType = dataType;
        this.classes = classes;
        this.targets = targets;
    }

    /** Header and delimiter detected, the label in the last column, classes from the labels, FLOAT features. */
    public static CsvReader defaults() {
        return new CsvReader(null, -1, null, DataType.FLOAT, null, 0);
    }

    /** States whether the first non-blank line is a header to skip (instead of detecting it). */
    public CsvReader withHeader(boolean hasHeader) {
        return new CsvReader(hasHeader, labelColumn, delimiter, dataType, classes, targets);
    }

    /** The label's column, counted from 0; a negative index counts from the end (−1 is the last column). */
    public CsvReader withLabelColumn(int index) {
        return new CsvReader(header, index, delimiter, dataType, classes, targets);
    }

    /** States the delimiter (instead of detecting it). */
    public CsvReader withDelimiter(char separator) {
        return new CsvReader(header, labelColumn, separator, dataType, classes, targets);
    }

    /** The data type of the feature matrix (FLOAT or DOUBLE). */
    public CsvReader withDataType(DataType type) {
        if (!type.isFPType()) {
            throw new DataException("CSV features must be floating point, not " + type);
        }
        return new CsvReader(header, labelColumn, delimiter, type, classes, targets);
    }

    /**
     * The number of classes C: labels must be the integers 0..C−1 (e.g. a test file that lacks the last
     * classes), none mapped.
     */
    public CsvReader withClasses(int count) {
        if (count <= 0) {
            throw new DataException("the number of classes must be positive, got " + count);
        }
        return new CsvReader(header, labelColumn, delimiter, dataType, LabelCoding.numbered(count), targets);
    }

    /** The classes by name, in class order (e.g. those of the training file): every label must be one of them. */
    public CsvReader withClassNames(List<String> names) {
        return new CsvReader(header, labelColumn, delimiter, dataType, LabelCoding.named(names), targets);
    }

    /** Regression: the last {@code count} columns are real-valued targets (no label column). */
    public CsvReader withTargets(int count) {
        if (count <= 0) {
            throw new DataException("the number of target columns must be positive, got " + count);
        }
        return new CsvReader(header, labelColumn, delimiter, dataType, classes, count);
    }

    /** The file as a {@link DataSet}: classification, or regression with {@link #withTargets}. */
    public DataSet read(Path file) {
        return readNamed(file).data();
    }

    /** The file as a {@link DataSet} with the names of its outputs: the classes, or the target columns. */
    public CsvData readNamed(Path file) {
        return (CsvData) read(file, targets > 0 ? Layout.Kind.TARGETS : Layout.Kind.LABEL);
    }

    /**
     * A file without labels, every column a feature (e.g. inputs to predict): an N × W matrix in the
     * configured data type. The label column, classes and the checks on labels do not apply.
     */
    public INDArray readFeatures(Path file) {
        return (INDArray) read(file, Layout.Kind.NONE);
    }

    /** The file's data set with its output names. */
    public record CsvData(DataSet data, List<String> outputNames) {
    }

    private Object read(Path file, Layout.Kind kind) {
        CsvDialect dialect = dialect(file);
        try (CsvCells rows = CsvCells.open(file, dialect.delimiter(), dialect.header())) {
            return parse(rows, file, kind, dialect.header());
        }
    }

    CsvDialect dialect(Path file) {
        return CsvDialect.of(file, delimiter, header);
    }

    private Object parse(CsvCells rows, Path file, Layout.Kind kind, boolean hasHeader) {
        double[] values = new double[1024];
        double[] outputs = new double[64];
        int[] ids = new int[64];
        LabelCoding.Inference inference = classes == null ? new LabelCoding.Inference(file) : null;
        Layout layout = null;
        double[] row = null;
        int count = 0;
        for (String[] cells = rows.next(); cells != null; cells = rows.next()) {
            int line = rows.line();
            if (layout == null) {
                layout = layout(cells.length, kind, file, line);
                row = new double[layout.features() + layout.targets()];
            }
            long needed = (long) (count + 1) * layout.features();
            if (needed > IdxReader.MAX_VALUES) {
                throw new DataException("file " + file + ", line " + line + ": more values than one array can hold");
            }
            AllocationLimit.check(AllocationLimit.bytes(needed + (long) (count + 1) * layout.targets(), Double.BYTES), "file " + file
                    + ", line " + line + ": reading " + (count + 1) + " rows of " + layout.features() + " values", DataException::new);
            int id = parseRow(cells, file, line, layout, count == 0 && !hasHeader, row,
                    inference != null ? inference::add : (cell, l, c) -> classes.classOf(cell, file, l, c));
            values = ensure(values, (int) needed);
            System.arraycopy(row, 0, values, count * layout.features(), layout.features());
            outputs = ensure(outputs, (count + 1) * Math.max(1, layout.targets()));
            System.arraycopy(row, layout.features(), outputs, count * layout.targets(), layout.targets());
            ids = count < ids.length ? ids : Arrays.copyOf(ids, ids.length * 2);
            ids[count++] = id;
        }
        if (count == 0) {
            throw new DataException("file " + file + ": no data rows");
        }
        INDArray features = Nd4j.create(Arrays.copyOf(values, count * layout.features()), new long[] {count, layout.features()}, dataType);
        if (kind == Layout.Kind.NONE) {
            return features;
        }
        LabelCoding coding = kind == Layout.Kind.TARGETS ? null : inference != null ? inference.coding(count) : classes;
        try {
            if (kind == Layout.Kind.TARGETS) {
                INDArray y = Nd4j.create(Arrays.copyOf(outputs, count * targets), new long[] {count, targets}, dataType);
                return new CsvData(DataSet.ofTargets(features, y), targetNames(rows.header(), layout));
            }
            int[] labels = Arrays.copyOf(ids, count);
            if (inference != null) {
                int[] classOfId = inference.classOfId(coding);
                for (int i = 0; i < count; i++) {
                    labels[i] = classOfId[labels[i]];
                }
            }
            return new CsvData(DataSet.ofClasses(features, labels, coding.classes()), coding.names());
        } catch (DataException e) {
            throw new DataException("file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The header's names of the target columns, or {@code target1}…{@code targetK} without a header. */
    private static List<String> targetNames(String[] header, Layout layout) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < layout.targets(); k++) {
            int column = layout.width() - layout.targets() + k;
            names.add(header != null && column < header.length && !header[column].isEmpty() ? header[column] : "target" + (k + 1));
        }
        return names;
    }

    /** Which columns of a W-column file are features and which the label or targets. */
    private record Layout(int width, int label, int targets) {
        enum Kind { LABEL, TARGETS, NONE }

        int features() {
            return width - targets - (label >= 0 ? 1 : 0);
        }
    }

    private Layout layout(int width, Layout.Kind kind, Path file, int line) {
        switch (kind) {
            case NONE:
                return new Layout(width, -1, 0);
            case TARGETS:
                if (width <= targets) {
                    throw new DataException(String.format("file %s, line %d: %d target columns leave no feature among the %d columns",
                            file, line, targets, width));
                }
                return new Layout(width, -1, targets);
            default:
                int label = labelColumn < 0 ? width + labelColumn : labelColumn;
                if (width < 2 || label < 0 || label >= width) {
                    throw new DataException(String.format("file %s, line %d: label column %d is outside the %d columns",
                            file, line, labelColumn, width));
                }
                return new Layout(width, label, 0);
        }
    }

    /** Maps a label cell (on a line, in a column counted from 0) to an id. */
    interface LabelMap {
        int id(String cell, int line, int column);
    }

    /**
     * Parses one data row: its features in file order, then its targets, into {@code row}; returns the
     * label's id from {@code labels} (−1 without a label column). Fails on a wrong column count or a
     * bad number, naming file, line, column and cell.
     */
    private static int parseRow(String[] cells, Path file, int line, Layout layout, boolean firstLine, double[] row, LabelMap labels) {
        if (cells.length != layout.width()) {
            throw new DataException(String.format("file %s, line %d, column %d: row has %d columns, expected %d",
                    file, line, Math.min(cells.length, layout.width()) + 1, cells.length, layout.width()));
        }
        int id = -1;
        int at = 0;
        for (int c = 0; c < cells.length; c++) {
            if (c == layout.label()) {
                id = labels.id(cells[c], line, c);
            } else {
                row[at++] = number(cells[c], file, line, c, firstLine);
            }
        }
        return id;
    }

    /**
     * Parses one data line of a labelled file whose rows have {@code width} columns: the features, in
     * file order without the label, into {@code into} from {@code offset}; returns the label's id from
     * {@code labels}. Fails like {@link #read}.
     */
    int parseLabelled(String[] cells, Path file, int line, int width, boolean firstLine, double[] scratch, LabelMap labels) {
        return parseRow(cells, file, line, layout(width, Layout.Kind.LABEL, file, line), firstLine, scratch, labels);
    }

    /** The stated classes, or null when they come from the labels. */
    LabelCoding classes() {
        return classes;
    }

    DataType dataType() {
        return dataType;
    }

    private static double[] ensure(double[] values, int needed) {
        return needed <= values.length ? values
                : Arrays.copyOf(values, (int) Math.min(Math.max(needed, 2L * values.length),
                        Math.min(IdxReader.MAX_VALUES, AllocationLimit.maxBytes() / Double.BYTES)));
    }

    private static double number(String cell, Path file, int line, int column, boolean firstLine) {
        if (CsvDialect.isNumber(cell)) {
            return Double.parseDouble(cell);
        }
        boolean text = cell.chars().anyMatch(Character::isLetter) && !cell.toLowerCase(Locale.ROOT).matches("[+-]?(nan|inf|infinity)");
        throw new DataException(String.format("file %s, line %d, column %d: '%s' is not a finite number%s", file, line, column + 1,
                cell, firstLine && text ? " (if line " + line + " is a header, give --csv-header)" : ""));
    }
}
