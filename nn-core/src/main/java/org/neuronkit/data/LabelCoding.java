package org.neuronkit.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.neuronkit.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the cells of a CSV file's label column map to class indices 0..C−1, and the name of each class.
 * A label cell is an integer (written any way {@link Double#parseDouble} reads, e.g. {@code 2} or
 * {@code 2.0}) or a text name such as {@code setosa}; any other number ({@code 2.5}) is refused, as it
 * is a regression target rather than a class.
 * <ul>
 * <li>{@link #numbered(int)}: a stated C; labels must be the integers 0..C−1.
 * <li>{@link #named(List)}: stated names (e.g. those a model records); a label must be one of them.
 * <li>{@link Inference}: from the distinct labels of a file. All integers: sorted by value, so labels
 * 0..C−1 keep their index and sparse ones (1–3, 0/5/10, −1/1) become 0..C−1 with a logged notice that
 * names the mapping. Any text: every label is a name, sorted alphabetically.
 * </ul>
 */
final class LabelCoding {
    /** Without stated classes, a file may have at most this many distinct labels. */
    static final int MAX_INFERRED_CLASSES = 10_000;
    /** An integer label must be smaller than this in magnitude (beyond it doubles skip integers). */
    private static final double MAX_INTEGER = 1e15;
    private static final Logger LOG = LoggerFactory.getLogger(LabelCoding.class);
    /** So many classes or fewer are never taken for a real-valued target. */
    static final int FEW_CLASSES = 20;
    /** Sparse integer labels need at least this many rows per distinct value to be taken as classes. */
    static final int ROWS_PER_SPARSE_CLASS = 10;

    private final List<String> names;
    private final Map<String, Integer> index;
    /** A stated C: labels are checked as numbers in [0, C), with that message. */
    private final int numbered;
    private final String notice;

    private LabelCoding(List<String> names, int numbered, String notice) {
        this.names = List.copyOf(names);
        this.numbered = numbered;
        this.notice = notice;
        this.index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            index.put(names.get(c), c);
        }
    }

    /** Labels 0..C−1, named by their number. */
    static LabelCoding numbered(int classes) {
        return new LabelCoding(IntStream.range(0, classes).mapToObj(Integer::toString).toList(), classes, null);
    }

    /** Labels that must be one of {@code names}; class c is {@code names.get(c)}. */
    static LabelCoding named(List<String> names) {
        if (names.isEmpty() || names.stream().distinct().count() != names.size()) {
            throw new DataException("class names must be distinct and at least one, got " + names);
        }
        return new LabelCoding(names, 0, null);
    }

    /** C. */
    int classes() {
        return names.size();
    }

    /** What an inferred coding logged about its mapping (sparse integers or names), or null when it kept the labels. */
    String notice() {
        return notice;
    }

    /** The name of each class, in class order. */
    List<String> names() {
        return names;
    }

    /** The class index of a label cell; fails naming the file, line, column (from 1) and the cell. */
    int classOf(String cell, Path file, int line, int column) {
        String key = key(cell, file, line, column);
        Integer c = index.get(key);
        if (c != null) {
            return c;
        }
        if (numbered > 0) {
            throw new DataException(String.format("file %s, line %d, column %d: label %s is outside the classes 0..%d",
                    file, line, column + 1, cell, numbered - 1));
        }
        throw new DataException(String.format("file %s, line %d, column %d: label '%s' is not one of the %d classes %s",
                file, line, column + 1, cell, names.size(), shortList(names)));
    }

    /**
     * The label as a map key: an integer cell in its plain form ({@code 2.0} → {@code 2}), a text
     * cell as it is; a non-integer number fails.
     */
    private static String key(String cell, Path file, int line, int column) {
        if (!CsvDialect.isNumber(cell)) {
            return cell;
        }
        double v = Double.parseDouble(cell);
        if (v != Math.rint(v) || Math.abs(v) >= MAX_INTEGER) {
            throw new DataException(String.format("file %s, line %d, column %d: label '%s' is not a class (an integer or a name);"
                    + " for real-valued targets train with --task regression", file, line, column + 1, cell));
        }
        return Long.toString((long) v);
    }

    private static String shortList(List<String> values) {
        return values.size() <= 20 ? String.join(", ", values) : String.join(", ", values.subList(0, 20)) + ", …";
    }

    /**
     * The distinct labels of a file, gathered row by row; each row gets the id of its label in order of
     * first appearance ({@link #add}), which {@link #coding} turns into a class index.
     */
    static final class Inference {
        private final Path file;
        private final Map<String, Integer> ids = new HashMap<>();
        private final List<String> distinct = new ArrayList<>();

        Inference(Path file) {
            this.file = file;
        }

        /** The id of the label in {@code cell} (0, 1, … in order of first appearance). */
        int add(String cell, int line, int column) {
            String key = key(cell, file, line, column);
            Integer id = ids.get(key);
            if (id != null) {
                return id;
            }
            if (distinct.size() == MAX_INFERRED_CLASSES) {
                throw new DataException(String.format("file %s, line %d, column %d: more than %d different labels (a real-valued"
                        + " target? train it with --task regression)", file, line, column + 1, MAX_INFERRED_CLASSES));
            }
            ids.put(key, distinct.size());
            distinct.add(key);
            return distinct.size() - 1;
        }

        /**
         * The coding of the labels seen on {@code rows} data rows: integers sorted by value, else names
         * sorted alphabetically. Labels that look like a real-valued target or an identifier are refused
         * ({@link #looksContinuous}).
         */
        LabelCoding coding(long rows) {
            boolean integers = distinct.stream().allMatch(CsvDialect::isNumber);
            List<String> sorted = new ArrayList<>(distinct);
            sorted.sort(integers ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
            boolean identity = integers && IntStream.range(0, sorted.size()).allMatch(c -> sorted.get(c).equals(Integer.toString(c)));
            if (looksContinuous(sorted.size(), rows, integers && !identity)) {
                throw new DataException(String.format("file %s: the label column has %d different values in %d rows (%s … %s): a"
                        + " real-valued target or an identifier, not classes; for a target train with --task regression, for"
                        + " another label column give --label-column", file, sorted.size(), rows, sorted.get(0),
                        sorted.get(sorted.size() - 1)));
            }
            String notice = identity ? null : integers
                    ? String.format("file %s: the %d labels are not 0..%d; mapped to classes: %s", file, sorted.size(), sorted.size() - 1,
                            mapping(sorted))
                    : String.format("file %s: %d class names, mapped to classes: %s", file, sorted.size(), mapping(sorted));
            if (notice != null) {
                LOG.info(notice);
            }
            return new LabelCoding(sorted, 0, notice);
        }

        /**
         * Whether {@code distinct} labels on {@code rows} rows are too many to be classes: more than
         * {@value #FEW_CLASSES} and, for integers that are not 0..C−1 (e.g. the diabetes set's 214
         * progression values 25–346 in 442 rows), more than one per {@value #ROWS_PER_SPARSE_CLASS} rows, or,
         * for any labels, more than one per two rows (nearly unique, like an id column).
         */
        static boolean looksContinuous(int distinct, long rows, boolean sparseIntegers) {
            return distinct > FEW_CLASSES && (distinct * 2L > rows || sparseIntegers && distinct * (long) ROWS_PER_SPARSE_CLASS > rows);
        }

        /** For each id of {@link #add}, its class index in {@code coding}. */
        int[] classOfId(LabelCoding coding) {
            return distinct.stream().mapToInt(coding.index::get).toArray();
        }

        private static String mapping(List<String> names) {
            return shortList(IntStream.range(0, names.size()).mapToObj(c -> names.get(c) + " → " + c).collect(Collectors.toList()));
        }
    }
}
