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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <li>Categorical feature columns (the first non-missing cell is text, or {@link #withCategoricalColumns})
 * become one-hot features ({@link FeatureColumns}, {@link InputEncoding}); {@link #withEncoding} reads
 * them as a trained model's encoding says.
 * </ul>
 *
 * <p>A bad value fails with a {@link DataException} naming the file, the line and the column (both
 * counted from 1) and the offending cell; a text cell on the first line of a file read without a header
 * suggests {@code --csv-header}. A line longer than {@value CsvCells#MAX_LINE_CHARS} characters and more
 * values than the {@link AllocationLimit} allows (8 bytes each while reading) fail before they are
 * read into memory.
 *
 * <h2>Shapes</h2>
 * With W columns and N data rows: features N × F in the configured data type (FLOAT by default), the
 * columns in file order without the label, target and ignored columns, a categorical one as K one-hot
 * columns (F = W−1 for a numeric classification file, W−K for regression); N labels, or targets N × K.
 *
 * <p>Instances are immutable; {@code with…} returns a changed copy.
 */
public final class CsvReader {
    static {
        ThreadSetup.ensure(); // before ND4J loads its native libraries
    }

    /** Without stated classes, a file may have at most this many distinct labels. */
    public static final int MAX_INFERRED_CLASSES = LabelCoding.MAX_INFERRED_CLASSES;
    private static final Logger LOG = LoggerFactory.getLogger(CsvReader.class);
    private final Boolean header;
    private final int labelColumn;
    private final Character delimiter;
    private final DataType dataType;
    private final LabelCoding classes;
    private final int targets;
    private final CsvColumns columns;

    private CsvReader(Boolean header, int labelColumn, Character delimiter, DataType dataType, LabelCoding classes, int targets,
            CsvColumns columns) {
        this.header = header;
        this.labelColumn = labelColumn;
        this.delimiter = delimiter;
        this.dataType = dataType;
        this.classes = classes;
        this.targets = targets;
        this.columns = columns;
    }

    /** Header and delimiter detected, the label in the last column, classes from the labels, FLOAT features. */
    public static CsvReader defaults() {
        return new CsvReader(null, -1, null, DataType.FLOAT, null, 0, CsvColumns.DEFAULTS);
    }

    /** States whether the first non-blank line is a header to skip (instead of detecting it). */
    public CsvReader withHeader(boolean hasHeader) {
        return new CsvReader(hasHeader, labelColumn, delimiter, dataType, classes, targets, columns);
    }

    /** The label's column, counted from 0; a negative index counts from the end (−1 is the last column). */
    public CsvReader withLabelColumn(int index) {
        return new CsvReader(header, index, delimiter, dataType, classes, targets, columns.withLabelName(null));
    }

    /**
     * The label's column by its header name, or by its number counted from 1 ({@code "3"}; {@code "-1"} is
     * the last column), as {@code --label-column} takes it.
     */
    public CsvReader withLabelColumn(String nameOrNumber) {
        if (nameOrNumber.matches("-?\\d+")) {
            int number = Integer.parseInt(nameOrNumber);
            if (number == 0) {
                throw new DataException("a label column number counts from 1 (or −1 for the last column), got 0");
            }
            return withLabelColumn(number > 0 ? number - 1 : number);
        }
        return new CsvReader(header, -1, delimiter, dataType, classes, targets, columns.withLabelName(nameOrNumber));
    }

    /** Columns to leave out, each by header name or by number counted from 1 (e.g. an id column). */
    public CsvReader withIgnoredColumns(List<String> namesOrNumbers) {
        return new CsvReader(header, labelColumn, delimiter, dataType, classes, targets, columns.withIgnored(namesOrNumbers));
    }

    /** What a missing feature value (an empty cell, {@code NA}, {@code N/A} or {@code ?}) does: {@link Missing}. */
    public CsvReader withMissing(Missing missing) {
        return new CsvReader(header, labelColumn, delimiter, dataType, classes, targets, columns.withMissing(missing));
    }

    /** States whether numbers are written with a decimal comma ({@code 1,5}) instead of detecting it (with {@code ;} only). */
    public CsvReader withDecimalComma(boolean decimalComma) {
        return new CsvReader(header, labelColumn, delimiter, dataType, classes, targets, columns.withDecimalComma(decimalComma));
    }

    /**
     * Feature columns to read as categorical (one-hot, {@link InputEncoding}), by header name or number counted
     * from 1; without them a column is categorical when its first non-missing cell is not a number.
     */
    public CsvReader withCategoricalColumns(List<String> namesOrNumbers) {
        return new CsvReader(header, labelColumn, delimiter, dataType, classes, targets, columns.withCategorical(namesOrNumbers));
    }

    /**
     * Reads the feature columns as a trained model's {@code encoding} says (its columns, numeric or categorical
     * with its categories); a category it does not know fails, or with {@link UnknownCategory#IGNORE} is all zeros.
     */
    public CsvReader withEncoding(InputEncoding encoding, UnknownCategory unknown) {
        return new CsvReader(header, labelColumn, delimiter, dataType, classes, targets, columns.withEncoding(encoding, unknown));
    }

    /** Every feature column must hold numbers (a model that records no {@link InputEncoding}): a text cell fails. */
    public CsvReader withNumericFeatures() {
        return new CsvReader(header, labelColumn, delimiter, dataType, classes, targets, columns.numeric());
    }

    /** States the delimiter (instead of detecting it). */
    public CsvReader withDelimiter(char separator) {
        return new CsvReader(header, labelColumn, separator, dataType, classes, targets, columns);
    }

    /** The data type of the feature matrix (FLOAT or DOUBLE). */
    public CsvReader withDataType(DataType type) {
        if (!type.isFPType()) {
            throw new DataException("CSV features must be floating point, not " + type);
        }
        return new CsvReader(header, labelColumn, delimiter, type, classes, targets, columns);
    }

    /**
     * The number of classes C: labels must be the integers 0..C−1 (e.g. a test file that lacks the last
     * classes), none mapped.
     */
    public CsvReader withClasses(int count) {
        if (count <= 0) {
            throw new DataException("the number of classes must be positive, got " + count);
        }
        return new CsvReader(header, labelColumn, delimiter, dataType, LabelCoding.numbered(count), targets, columns);
    }

    /** The classes by name, in class order (e.g. those of the training file): every label must be one of them. */
    public CsvReader withClassNames(List<String> names) {
        return new CsvReader(header, labelColumn, delimiter, dataType, LabelCoding.named(names), targets, columns);
    }

    /** Regression: the last {@code count} columns are real-valued targets (no label column). */
    public CsvReader withTargets(int count) {
        if (count <= 0) {
            throw new DataException("the number of target columns must be positive, got " + count);
        }
        return new CsvReader(header, labelColumn, delimiter, dataType, classes, count, columns);
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
     * A file without labels (e.g. inputs to predict): an N × F matrix in the configured data type, every column
     * not ignored a feature, encoded ({@link #withEncoding}); NaN where a value is missing under {@link Missing#MEAN}.
     * A label column in the file is left out: one the header names as {@link #withLabelColumn(String)} says, or,
     * with an encoding, the label column's position when the file has one column more than the encoding.
     */
    public INDArray readFeatures(Path file) {
        return (INDArray) read(file, Layout.Kind.NONE);
    }

    /**
     * The file's data set with its output names and the encoding of its feature columns. Under
     * {@link Missing#MEAN} its features hold NaN where a value is missing ({@link DataSet#hasMissingValues}).
     */
    public record CsvData(DataSet data, List<String> outputNames, InputEncoding encoding) {
    }

    private Object read(Path file, Layout.Kind kind) {
        CsvDialect dialect = dialect(file);
        try (CsvCells rows = CsvCells.open(file, dialect.delimiter(), dialect.header())) {
            return parse(rows, file, kind, dialect);
        }
    }

    CsvDialect dialect(Path file) {
        return CsvDialect.of(file, delimiter, header, columns.decimalComma());
    }

    private Object parse(CsvCells rows, Path file, Layout.Kind kind, CsvDialect dialect) {
        double[] values = new double[1024];
        double[] outputs = new double[64];
        int[] ids = new int[64];
        LabelCoding.Inference inference = classes == null ? new LabelCoding.Inference(file) : null;
        Layout layout = null;
        FeatureColumns featureColumns = null;
        double[] row = null;
        int count = 0;
        int dropped = 0;
        boolean first = true;
        for (String[] cells = rows.next(); cells != null; cells = rows.next()) {
            int line = rows.line();
            if (layout == null) {
                layout = layout(cells.length, kind, file, line, rows.header());
                row = new double[layout.features() + layout.targets()];
                featureColumns = featureColumns(layout, file);
            }
            long needed = (long) (count + 1) * layout.features();
            if (needed > IdxReader.MAX_VALUES) {
                throw new DataException("file " + file + ", line " + line + ": more values than one array can hold");
            }
            AllocationLimit.check(AllocationLimit.bytes(needed + (long) (count + 1) * layout.targets(), Double.BYTES), "file " + file
                    + ", line " + line + ": reading " + (count + 1) + " rows of " + layout.features() + " values", DataException::new);
            if (first && header == null && !dialect.header() && Arrays.stream(cells).noneMatch(x -> CsvDialect.isNumber(dialect.number(x)))) {
                throw new DataException(String.format("file %s, line %d, column 1: '%s' is not a finite number (if line %d is a header,"
                        + " give --csv-header)", file, line, cells[0], line));
            }
            int id = parseRow(cells, file, line, layout, first, row,
                    inference != null ? inference::add : (cell, l, c) -> classes.classOf(cell, file, l, c), dialect, columns.missing(),
                    featureColumns);
            first = false;
            if (id == DROPPED) {
                dropped++;
                continue;
            }
            values = ensure(values, (int) needed);
            System.arraycopy(row, 0, values, count * layout.features(), layout.features());
            outputs = ensure(outputs, (count + 1) * Math.max(1, layout.targets()));
            System.arraycopy(row, layout.features(), outputs, count * layout.targets(), layout.targets());
            ids = count < ids.length ? ids : Arrays.copyOf(ids, ids.length * 2);
            ids[count++] = id;
        }
        if (count == 0) {
            throw new DataException("file " + file + ": no data rows" + (dropped > 0 ? " left after dropping " + dropped
                    + " with missing values" : ""));
        }
        if (dropped > 0) {
            LOG.info("file {}: {} rows with missing values left out (--missing drop), {} read", file, dropped, count);
        }
        InputEncoding encoding = featureColumns.encoding();
        double[] encoded = featureColumns.expand(values, count, encoding, file);
        boolean missing = Arrays.stream(encoded).anyMatch(Double::isNaN);
        INDArray features = Nd4j.create(encoded, new long[] {count, encoding.width()}, dataType);
        if (kind == Layout.Kind.NONE) {
            return features;
        }
        CsvData data = labelled(rows, file, kind, layout, count, outputs, ids, inference,
                missing ? features.dup().assign(0) : features, encoding);
        return missing ? new CsvData(data.data().withMissingValues(features), data.outputNames(), encoding) : data;
    }

    /** The data set of the rows read, its features {@code features} (finite), with its output names. */
    private CsvData labelled(CsvCells rows, Path file, Layout.Kind kind, Layout layout, int count, double[] outputs, int[] ids,
            LabelCoding.Inference inference, INDArray features, InputEncoding encoding) {
        LabelCoding coding = kind == Layout.Kind.TARGETS ? null : inference != null ? inference.coding(count) : classes;
        try {
            if (kind == Layout.Kind.TARGETS) {
                INDArray y = Nd4j.create(Arrays.copyOf(outputs, count * targets), new long[] {count, targets}, dataType);
                return new CsvData(DataSet.ofTargets(features, y), targetNames(rows.header(), layout), encoding);
            }
            int[] labels = Arrays.copyOf(ids, count);
            if (inference != null) {
                int[] classOfId = inference.classOfId(coding);
                for (int i = 0; i < count; i++) {
                    labels[i] = classOfId[labels[i]];
                }
            }
            if (inference != null && rows.header() == null && count > 1 && Arrays.stream(labels).filter(l -> l == labels[0]).count() == 1) {
                LOG.warn("file {}: the class '{}' has one sample, the first row's: if the first row is a header (its names numbers,"
                        + " so it was read as data), give --csv-header", file, coding.names().get(labels[0]));
            }
            List<String> headerNames = inference != null && coding.notice() == null ? headerClassNames(rows.header(), layout, coding) : null;
            if (headerNames != null) {
                return new CsvData(DataSet.ofClasses(features, labels, headerNames.size()), headerNames, encoding);
            }
            return new CsvData(DataSet.ofClasses(features, labels, coding.classes()), coding.names(), encoding);
        } catch (DataException e) {
            throw new DataException("file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The class names of a header in scikit-learn's layout, {@code rows,features,name0,name1,…}
     * ({@code 569,30,malignant,benign}), when it fits the file (the feature count, at least as many names
     * as classes 0..C−1); else null.
     */
    private static List<String> headerClassNames(String[] header, Layout layout, LabelCoding coding) {
        if (!countsHeader(header, layout) || header.length - 2 < coding.classes()) {
            return null;
        }
        return List.of(header).subList(2, header.length);
    }

    /** Whether {@code header} is in scikit-learn's layout: a row count, the feature count, then class names. */
    private static boolean countsHeader(String[] header, Layout layout) {
        return header != null && header.length >= 3 && header[0].matches("\\d+") && header[1].equals(Integer.toString(layout.features()));
    }

    /** The feature columns of {@code layout}: their names, which are categorical, and the model's encoding if one is given. */
    private FeatureColumns featureColumns(Layout layout, Path file) {
        int[] fileColumns = layout.featureColumns();
        String[] names = new String[fileColumns.length];
        java.util.Map<Integer, Integer> featureOf = new java.util.HashMap<>();
        for (int f = 0; f < fileColumns.length; f++) {
            int c = fileColumns[f];
            boolean named = layout.header() != null && !countsHeader(layout.header(), layout) && c < layout.header().length
                    && !layout.header()[c].isEmpty();
            names[f] = named ? layout.header()[c] : "column" + (c + 1);
            featureOf.put(c, f);
        }
        java.util.Set<Integer> forced = new java.util.HashSet<>();
        for (String column : columns.categorical()) {
            Integer f = featureOf.get(columnIndex(column, layout.width(), layout.header(), file, "--categorical-columns"));
            if (f == null) {
                throw new DataException("file " + file + ": --categorical-columns " + column + " is not a feature column (it is the label,"
                        + " a target or ignored)");
            }
            forced.add(f);
        }
        return columns.numericOnly() ? FeatureColumns.numeric(names)
                : FeatureColumns.of(names, forced, columns.encoding(), columns.unknown(), file);
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

    /**
     * Which columns of a W-column file are features and which the label or targets; {@code ignored}
     * marks the columns left out; {@code header} is the header row (null without one); {@code order}
     * holds the file column of each feature, in feature order (file order, or a model's order when
     * its columns are read by header name), and {@code featureOf} each file column's feature (−1: none).
     */
    record Layout(int width, int label, int targets, boolean[] ignored, String[] header, int[] order, int[] featureOf) {
        enum Kind { LABEL, TARGETS, NONE }

        /** The layout whose features are the columns neither ignored, the label nor targets, in file order. */
        static Layout inFileOrder(int width, int label, int targets, boolean[] ignored, String[] header) {
            List<Integer> columns = new ArrayList<>();
            for (int c = 0; c < width - targets; c++) {
                if (!ignored[c] && c != label) {
                    columns.add(c);
                }
            }
            return withOrder(width, label, targets, ignored, header, columns.stream().mapToInt(Integer::intValue).toArray());
        }

        static Layout withOrder(int width, int label, int targets, boolean[] ignored, String[] header, int[] order) {
            int[] featureOf = new int[width];
            Arrays.fill(featureOf, -1);
            for (int f = 0; f < order.length; f++) {
                featureOf[order[f]] = f;
            }
            return new Layout(width, label, targets, ignored, header, order, featureOf);
        }

        /** The file columns (from 0) of the features, in feature order. */
        int[] featureColumns() {
            return order.clone();
        }

        int features() {
            return order.length;
        }

        /** Whether file column {@code c} is one of the targets (the last {@link #targets} columns). */
        boolean target(int c) {
            return c >= width - targets;
        }

        /** Column {@code c} (from 0) as an error names it: its number from 1, and its header name if there is one. */
        String column(int c) {
            return (c + 1) + (header != null && c < header.length && !header[c].isEmpty() ? " (" + header[c] + ")" : "");
        }
    }

    private Layout layout(int width, Layout.Kind kind, Path file, int line, String[] headerRow) {
        boolean[] ignored = new boolean[width];
        for (String column : columns.ignored()) {
            ignored[columnIndex(column, width, headerRow, file, "--ignore-columns")] = true;
        }
        switch (kind) {
            case NONE:
                if (columns.labelName() != null && headerRow != null && List.of(headerRow).contains(columns.labelName())) {
                    ignored[List.of(headerRow).indexOf(columns.labelName())] = true;
                }
                Layout byName = byName(width, -1, 0, ignored, headerRow, file);
                if (byName != null) {
                    return byName;
                }
                int present = presentLabel(width, ignored, headerRow);
                if (present >= 0) {
                    ignored[present] = true;
                }
                return Layout.inFileOrder(width, -1, 0, ignored, headerRow);
            case TARGETS:
                if (width <= targets) {
                    throw new DataException(String.format("file %s, line %d: %d target columns leave no feature among the %d columns",
                            file, line, targets, width));
                }
                for (int c = width - targets; c < width; c++) {
                    if (ignored[c]) {
                        throw new DataException("file " + file + ": column " + (c + 1) + " is a target column; --ignore-columns cannot leave it out");
                    }
                }
                Layout regression = byName(width, -1, targets, ignored, headerRow, file);
                return regression != null ? regression : Layout.inFileOrder(width, -1, targets, ignored, headerRow);
            default:
                int label = columns.labelName() != null ? columnIndex(columns.labelName(), width, headerRow, file, "--label-column")
                        : labelColumn < 0 ? width + labelColumn : labelColumn;
                if (width < 2 || label < 0 || label >= width) {
                    throw new DataException(String.format("file %s, line %d: label column %d is outside the %d columns",
                            file, line, labelColumn >= 0 ? labelColumn + 1 : labelColumn, width));
                }
                if (ignored[label]) {
                    throw new DataException("file " + file + ": column " + (label + 1) + " is the label column; --ignore-columns cannot leave it out");
                }
                Layout labelled = byName(width, label, 0, ignored, headerRow, file);
                return labelled != null ? labelled : Layout.inFileOrder(width, label, 0, ignored, headerRow);
        }
    }

    /**
     * The layout that reads a model's columns ({@link #withEncoding}) by the names of the file's header, in the
     * model's order, leaving the file's other columns out (logged); null to read them by position: without a
     * model, a header or names the model recorded (a file without a header gives {@code column1} …).
     *
     * @throws DataException when the model's names are real and a column the model reads is missing from the
     *         header, ignored, the label or a target, naming the columns and the header
     */
    private Layout byName(int width, int label, int targets, boolean[] ignored, String[] headerRow, Path file) {
        InputEncoding encoding = columns.encoding();
        if (encoding == null || headerRow == null || headerRow.length != width) {
            return null;
        }
        List<String> needed = encoding.columns().stream().map(InputEncoding.Column::name).toList();
        if (needed.stream().allMatch(name -> name.matches("column\\d+"))) {
            return null;
        }
        List<String> header = List.of(headerRow);
        List<String> absent = needed.stream().filter(name -> !header.contains(name)).toList();
        if (!absent.isEmpty()) {
            throw new DataException("file " + file + " has no column named " + String.join(", ", absent) + ", which the model reads"
                    + " (it was trained on the columns " + String.join(", ", needed) + "; the file's header: " + String.join(", ", header)
                    + "); rename the file's columns to the model's");
        }
        int[] order = new int[needed.size()];
        for (int f = 0; f < order.length; f++) {
            int c = header.indexOf(needed.get(f));
            if (header.lastIndexOf(needed.get(f)) != c) {
                throw new DataException("file " + file + ": the header names the column " + needed.get(f) + " twice (columns " + (c + 1)
                        + " and " + (header.lastIndexOf(needed.get(f)) + 1) + ")");
            }
            if (ignored[c] || c == label || c >= width - targets) {
                throw new DataException("file " + file + ": column " + (c + 1) + " (" + needed.get(f) + ") is one the model reads, but it is"
                        + (ignored[c] ? " left out (--ignore-columns)" : c == label ? " the label column" : " a target column"));
            }
            order[f] = c;
        }
        Layout layout = Layout.withOrder(width, label, targets, ignored, headerRow, order);
        List<String> leftOut = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            if (layout.featureOf()[c] < 0 && c != label && !layout.target(c) && !ignored[c]) {
                leftOut.add(headerRow[c]);
            }
        }
        if (!leftOut.isEmpty() || !Arrays.equals(order, Layout.inFileOrder(width, label, targets, ignored, headerRow).order())) {
            // one line per file: a layout is worked out once per read (or per pass of a streamed file)
            LOG.info("file {}: the model's columns {} read by name{}", file, String.join(", ", needed),
                    leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut));
        }
        return layout;
    }

    /**
     * The label column of a file read for its features, when it has one (else −1): the one the header names as
     * {@code --label-column NAME} says, or, with an encoding, the label column's position when the file has one
     * column more than the encoding's.
     */
    private int presentLabel(int width, boolean[] ignored, String[] headerRow) {
        if (columns.labelName() != null) {
            return headerRow == null ? -1 : List.of(headerRow).indexOf(columns.labelName());
        }
        int left = width;
        for (boolean i : ignored) {
            left -= i ? 1 : 0;
        }
        int label = labelColumn < 0 ? width + labelColumn : labelColumn;
        return columns.encoding() != null && left == columns.encoding().rawColumns() + 1 && label >= 0 && label < width && !ignored[label]
                ? label : -1;
    }

    /** The index (from 0) of the column a name of the header or a number counted from 1 denotes. */
    private static int columnIndex(String column, int width, String[] headerRow, Path file, String option) {
        if (column.matches("\\d+")) {
            int number = Integer.parseInt(column);
            if (number < 1 || number > width) {
                throw new DataException("file " + file + ": " + option + " " + column + " is not one of the columns 1.." + width);
            }
            return number - 1;
        }
        if (headerRow == null) {
            throw new DataException("file " + file + ": " + option + " " + column + " names a column, but the file has no header"
                    + " (give --csv-header if its first line is one, or the column's number)");
        }
        int index = List.of(headerRow).indexOf(column);
        if (index < 0) {
            throw new DataException("file " + file + ": " + option + " " + column + " is not a column of the header "
                    + String.join(", ", headerRow));
        }
        return index;
    }

    /** Maps a label cell (on a line, in a column counted from 0) to an id. */
    interface LabelMap {
        int id(String cell, int line, int column);
    }

    /** What {@link #parseRow} returns for a row left out under {@link Missing#DROP}. */
    static final int DROPPED = -2;

    /**
     * Parses one data row: its features in the layout's order, then its targets, into {@code row}; returns the
     * label's id from {@code labels} (−1 without a label column), or {@link #DROPPED}. A missing feature
     * is NaN under {@link Missing#MEAN}. Fails on a wrong column count, a bad number or a missing value
     * that {@code missing} does not allow (null: a streamed file, which allows none), naming file, line, column and cell.
     */
    private int parseRow(String[] cells, Path file, int line, Layout layout, boolean firstLine, double[] row, LabelMap labels,
            CsvDialect dialect, Missing missing, FeatureColumns featureColumns) {
        if (cells.length != layout.width()) {
            throw new DataException(String.format("file %s, line %d, column %d: row has %d columns, expected %d",
                    file, line, Math.min(cells.length, layout.width()) + 1, cells.length, layout.width()));
        }
        int id = -1;
        for (int c = 0; c < cells.length; c++) {
            int f = layout.featureOf()[c];
            boolean target = layout.target(c);
            if (layout.ignored()[c] || f < 0 && c != layout.label() && !target) {
                continue;
            }
            int at = f >= 0 ? f : layout.features() + c - (layout.width() - layout.targets());
            if (Missing.marks(cells[c])) {
                boolean feature = f >= 0;
                if (missing == Missing.DROP) {
                    return DROPPED;
                }
                if (missing == Missing.MEAN && feature) {
                    row[at] = Double.NaN;
                    continue;
                }
                throw new DataException(String.format("file %s, line %d, column %s: missing %s '%s' (%s)", file, line, layout.column(c),
                        feature ? "value" : c == layout.label() ? "label" : "target", cells[c], missing == null
                                ? "a streamed file is read as it is: fill in its gaps first, or leave out --stream to read it whole with --missing"
                                : !feature || missing == Missing.MEAN
                                ? "give --missing drop to leave out rows with missing values; --missing mean fills in features only"
                                : "give --missing drop to leave out rows with missing values, or --missing mean to fill in the column's mean"));
            }
            if (c == layout.label()) {
                id = labels.id(cells[c], line, c);
            } else if (f >= 0 && featureColumns.categorical(f, !isText(dialect.number(cells[c])))) {
                row[f] = featureColumns.category(f, cells[c], file, line, layout.column(c));
            } else {
                double value = number(cells, c, file, line, layout, firstLine, dialect, f >= 0 && featureColumns.detectedNumeric(f));
                if (dataType == DataType.FLOAT && Math.abs(value) > Float.MAX_VALUE) {
                    throw new DataException(String.format("file %s, line %d, column %s: '%s' is beyond FLOAT's range (±%s)", file, line,
                            layout.column(c), cells[c], Float.MAX_VALUE));
                }
                row[at] = value;
            }
        }
        return id;
    }

    /**
     * The columns of a labelled file of {@code width} columns as {@link #read} takes them, worked out once
     * for all its rows: which are features (and in what order) and which the label, and the feature columns'
     * kinds (detected, stated by {@link #withCategoricalColumns}, a model's by {@link #withEncoding}, or all
     * numeric by {@link #withNumericFeatures}).
     */
    LabelledColumns labelledColumns(int width, String[] headerRow, Path file) {
        Layout layout = layout(width, Layout.Kind.LABEL, file, 1, headerRow);
        return new LabelledColumns(layout, featureColumns(layout, file));
    }

    /** A labelled file's {@link Layout} and {@link FeatureColumns}, from {@link #labelledColumns}. */
    record LabelledColumns(Layout layout, FeatureColumns features) {
    }

    /**
     * Parses one data line of a labelled file: its R raw feature cells, in {@code columns}' feature order,
     * into {@code scratch} (a number, or a categorical cell's id in {@code columns.features()}); returns the
     * label's id from {@code labels}. Fails like {@link #read}; a missing value always fails (streamed files
     * are not filled in).
     */
    int parseLabelled(String[] cells, Path file, int line, boolean firstLine, double[] scratch, CsvDialect dialect, LabelMap labels,
            LabelledColumns columns) {
        return parseRow(cells, file, line, columns.layout(), firstLine, scratch, labels, dialect, null, columns.features());
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

    /** Whether a cell is text, not a number written another way: it holds a letter and is no NaN or infinity. */
    private static boolean isText(String cell) {
        return cell.chars().anyMatch(Character::isLetter) && !CsvDialect.isNumber(cell)
                && !cell.toLowerCase(Locale.ROOT).matches("[+-]?(nan|inf|infinity)");
    }

    /**
     * The number in cell {@code c}. A cell that is not one fails naming file, line and column; on the first
     * row, when all its cells are text (a header read as data), the error suggests {@code --csv-header};
     * text in a column detected numeric on earlier lines suggests {@code --categorical-columns}.
     */
    private static double number(String[] cells, int c, Path file, int line, Layout layout, boolean firstLine, CsvDialect dialect,
            boolean detectedNumeric) {
        String cell = dialect.number(cells[c]);
        if (CsvDialect.isNumber(cell)) {
            return Double.parseDouble(cell);
        }
        boolean text = isText(cell);
        boolean headerLike = firstLine && !dialect.header() && Arrays.stream(cells).noneMatch(x -> CsvDialect.isNumber(dialect.number(x)));
        String name = layout.header() != null && c < layout.header().length && !layout.header()[c].isEmpty() ? layout.header()[c]
                : Integer.toString(c + 1);
        String hint = headerLike ? " (if line " + line + " is a header, give --csv-header)"
                : text && detectedNumeric ? " (column " + layout.column(c) + " holds numbers on earlier lines: give --categorical-columns "
                        + name + " to read its cells as categories, or leave it out with --ignore-columns " + name + ")"
                : text && firstLine ? " (a text column? leave it out with --ignore-columns " + (c + 1) + ")"
                : cell.matches("[+-]?\\d*,\\d+") ? " (a decimal comma? give --decimal-comma)" : "";
        throw new DataException(String.format("file %s, line %d, column %d: '%s' is not a finite number%s", file, line, c + 1,
                cells[c], hint));
    }
}
