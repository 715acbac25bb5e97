package org.neuronkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.neuronkit.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a CSV file is written: its delimiter and whether its first row is a header, either as stated
 * or detected from its first {@value #SAMPLE_LINES} non-blank lines.
 * <ul>
 * <li>Delimiter: the first of tab, {@code ;} and {@code ,} that occurs the same, non-zero number of
 * times on every sampled line (so a {@code ;} file with decimal commas is read as {@code ;}); a
 * single-column file gets {@code ,}.
 * <li>Header: the first row is a header when one of its cells is not a number in a column whose cells
 * are all numbers (or missing values) on the later sampled rows. A header that cannot be told from data this way (a
 * file of one row, or text in every row of that column) must be stated ({@code --csv-header}).
 * <li>Decimal comma: with the delimiter {@code ;}, numbers written {@code 1,5} (a cell of digits with
 * one comma) mean 1.5.
 * </ul>
 *
 * @param delimiter the cell separator
 * @param header whether the first non-blank row is a header, not data
 * @param decimalComma whether numbers are written with a decimal comma ({@code 1,5})
 */
record CsvDialect(char delimiter, boolean header, boolean decimalComma) {
    private static final java.util.regex.Pattern DECIMAL_COMMA = java.util.regex.Pattern.compile("[+-]?\\d*,\\d+([eE][+-]?\\d+)?");
    /** A number as CSV files write one: digits with an optional point and exponent (not Java's 1d, 2f or hex 0x1p1). */
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?\\s*");

    /** Lines read to detect the dialect. */
    static final int SAMPLE_LINES = 50;
    private static final char[] CANDIDATES = {'\t', ';', ','};
    private static final Logger LOG = LoggerFactory.getLogger(CsvDialect.class);

    /**
     * The dialect of {@code file}; {@code delimiter} and {@code header} are used as given where not
     * null, and detected where null.
     */
    static CsvDialect of(Path file, Character delimiter, Boolean header, Boolean decimalComma) {
        if (delimiter != null && header != null && decimalComma != null) {
            return new CsvDialect(delimiter, header, decimalComma);
        }
        String sample = sample(file);
        char separator = delimiter != null ? delimiter : detectDelimiter(sample);
        List<String[]> rows = CsvCells.parse(sample, separator, file);
        boolean comma = decimalComma != null ? decimalComma
                : separator == ';' && rows.stream().flatMap(Arrays::stream).anyMatch(c -> DECIMAL_COMMA.matcher(c).matches());
        if (comma && decimalComma == null) {
            LOG.info("file {}: numbers are read with a decimal comma (1,5 = 1.5)", file);
        }
        if (header != null) {
            return new CsvDialect(separator, header, comma);
        }
        boolean detected = detectHeader(rows, comma);
        if (detected) {
            LOG.info("file {}: its first row is read as a header (text over numeric columns)", file);
        }
        return new CsvDialect(separator, detected, comma);
    }

    /** A cell as {@link Double#parseDouble} reads it: with a decimal comma, {@code 1,5} becomes {@code 1.5}. */
    String number(String cell) {
        return decimalComma && DECIMAL_COMMA.matcher(cell).matches() ? cell.replace(',', '.') : cell;
    }

    static char detectDelimiter(String sample) {
        List<String> lines = sample.lines().filter(l -> !l.isBlank()).toList();
        for (char candidate : CANDIDATES) {
            long first = lines.isEmpty() ? 0 : count(lines.get(0), candidate);
            if (first > 0 && lines.stream().allMatch(l -> count(l, candidate) == first)) {
                return candidate;
            }
        }
        return ',';
    }

    static boolean detectHeader(List<String[]> rows) {
        return detectHeader(rows, false);
    }

    static boolean detectHeader(List<String[]> rows, boolean decimalComma) {
        CsvDialect numbers = new CsvDialect(',', false, decimalComma);
        if (rows.size() < 2) {
            return false;
        }
        String[] first = rows.get(0);
        for (int c = 0; c < first.length; c++) {
            if (isNumber(numbers.number(first[c]))) {
                continue;
            }
            int column = c;
            if (rows.subList(1, rows.size()).stream().allMatch(r -> column < r.length
                    && (isNumber(numbers.number(r[column])) || Missing.marks(r[column])))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code cell} is a finite number written in decimal ({@link #DECIMAL}), as the reader parses it. */
    static boolean isNumber(String cell) {
        return DECIMAL.matcher(cell).matches() && Double.isFinite(Double.parseDouble(cell));
    }

    private static long count(String line, char c) {
        return line.chars().filter(x -> x == c).count();
    }

    /** The first {@value #SAMPLE_LINES} non-blank lines of the file, each cut at the line limit. */
    private static String sample(Path file) {
        try (GzipOrRaw source = GzipOrRaw.open(file);
             BufferedReader reader = new BufferedReader(new LineLengthLimit(new InputStreamReader(source.stream(), StandardCharsets.UTF_8),
                     file, CsvCells.MAX_LINE_CHARS))) {
            StringBuilder text = new StringBuilder();
            int lines = 0;
            for (String line = reader.readLine(); line != null && lines < SAMPLE_LINES; line = reader.readLine()) {
                if (!line.isBlank()) {
                    text.append(line).append('\n');
                    lines++;
                }
            }
            return text.toString();
        } catch (IOException e) {
            throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
        }
    }
}
