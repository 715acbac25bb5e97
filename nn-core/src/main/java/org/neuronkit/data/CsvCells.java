package org.neuronkit.data;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.neuronkit.DataException;

/**
 * The rows of a CSV file (plain or gzip) as trimmed text cells, one row at a time, parsed by
 * Jackson's CSV module ({@code jackson-dataformat-csv}): RFC 4180 quoting, any of {@code \n},
 * {@code \r\n}, {@code \r} as line end, blank lines skipped, a trailing delimiter kept as an empty
 * last cell. Each row knows the line (from 1) it starts on, for error messages. A line longer than
 * {@link #MAX_LINE_CHARS} characters fails ({@link LineLengthLimit}).
 */
final class CsvCells implements AutoCloseable {
    /** A longer line fails (a file without line breaks must not fill the heap). */
    static final int MAX_LINE_CHARS = 1 << 24;
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .disable(CsvParser.Feature.ALLOW_TRAILING_COMMA)
            .build();

    private final Path file;
    private final GzipOrRaw source;
    private final CsvParser parser;
    private int line;
    private String[] header;

    private CsvCells(Path file, GzipOrRaw source, Reader text, char delimiter) throws IOException {
        this.file = file;
        this.source = source;
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        this.parser = (CsvParser) MAPPER.reader(schema).createParser(text);
    }

    /** The file's rows; its first non-blank row is skipped when {@code header}. */
    static CsvCells open(Path file, char delimiter, boolean header) {
        GzipOrRaw source = null;
        try {
            source = GzipOrRaw.open(file);
            Reader text = new LineLengthLimit(new InputStreamReader(source.stream(), StandardCharsets.UTF_8), file, MAX_LINE_CHARS);
            CsvCells cells = new CsvCells(file, source, text, delimiter);
            if (header) {
                cells.header = cells.next();
            }
            return cells;
        } catch (IOException e) {
            closeQuietly(source);
            throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The rows of {@code text} (e.g. the first lines of a file, to detect its dialect). */
    static List<String[]> parse(String text, char delimiter, Path file) {
        List<String[]> rows = new ArrayList<>();
        try (CsvCells cells = new CsvCells(file, null, new StringReader(text), delimiter)) {
            for (String[] row = cells.next(); row != null; row = cells.next()) {
                rows.add(row);
            }
        } catch (IOException e) {
            throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The next non-blank row's cells, or null after the last row. */
    String[] next() {
        try {
            List<String> cells = new ArrayList<>();
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return null;
                }
                if (token != JsonToken.START_ARRAY) {
                    throw new DataException("file " + file + ", line " + parser.currentTokenLocation().getLineNr()
                            + ": unexpected CSV token " + token);
                }
                cells.clear();
                for (token = parser.nextToken(); token != JsonToken.END_ARRAY && token != null; token = parser.nextToken()) {
                    if (cells.isEmpty()) {
                        line = parser.currentTokenLocation().getLineNr(); // a row's START_ARRAY has the line before it
                    }
                    cells.add(parser.getText());
                }
                if (!(cells.size() == 1 && cells.get(0).isEmpty()) && !cells.isEmpty()) {
                    return cells.toArray(new String[0]);
                }
            }
        } catch (IOException e) {
            int at = parser.currentLocation().getLineNr();
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new DataException("file " + file + ", line " + at + ": not valid CSV: " + reason, e);
        }
    }

    /** The header row's cells, or null when the file was opened without a header (or is empty). */
    String[] header() {
        return header;
    }

    /** The line (from 1) on which the row {@link #next} returned last starts. */
    int line() {
        return line;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new DataException("file " + file + ": cannot close: " + e.getMessage(), e);
        } finally {
            closeQuietly(source);
        }
    }

    private static void closeQuietly(GzipOrRaw source) {
        if (source != null) {
            try {
                source.close();
            } catch (IOException ignored) {
                // the read already failed or finished; closing cannot lose data
            }
        }
    }
}
