package org.neuronkit.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.neuronkit.DataException;

/**
 * A labelled CSV file (plain or gzip) as a {@link RowFile}: {@link #scan} reads it once, checking
 * every cell as {@link CsvReader#read} does and counting the rows and classes while holding one line
 * at a time; each {@link #open} reads it again from the start.
 */
final class CsvRows implements RowFile {
    private final Path file;
    private final CsvReader format;
    private final long rows;
    private final int width;
    private final int classes;

    private CsvRows(Path file, CsvReader format, long rows, int width, int classes) {
        this.file = file;
        this.format = format;
        this.rows = rows;
        this.width = width;
        this.classes = classes;
    }

    /** Checks the whole file and measures it: rows, columns and classes (as configured, or the largest label + 1). */
    static CsvRows scan(Path file, CsvReader format) {
        long rows = 0;
        int width = -1;
        int maxLabel = -1;
        float[] scratch = null;
        try (LineReader lines = new LineReader(file, format.hasHeader())) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (scratch == null) {
                    width = format.width(line);
                    scratch = new float[width];
                }
                maxLabel = Math.max(maxLabel, format.parseLabelled(line, file, lines.lineNo, width, scratch, 0));
                rows++;
            }
        }
        if (rows == 0) {
            throw new DataException("file " + file + ": no data rows");
        }
        return new CsvRows(file, format, rows, width, format.classes() > 0 ? format.classes() : maxLabel + 1);
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int features() {
        return width - 1;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public Reader open() {
        LineReader lines = new LineReader(file, format.hasHeader());
        return new Reader() {
            @Override
            public int next(float[] into, int offset) {
                String line = lines.next();
                return line == null ? -1 : format.parseLabelled(line, file, lines.lineNo, width, into, offset);
            }

            @Override
            public void close() {
                lines.close();
            }
        };
    }

    /** The data lines of the file in order: blank lines and the header skipped, line numbers counted from 1. */
    private static final class LineReader implements AutoCloseable {
        private final Path file;
        private final GzipOrRaw source;
        private final BufferedReader reader;
        private boolean headerSkipped;
        int lineNo;

        LineReader(Path file, boolean header) {
            this.file = file;
            this.headerSkipped = !header;
            try {
                source = GzipOrRaw.open(file);
                reader = new BufferedReader(new InputStreamReader(source.stream(), StandardCharsets.UTF_8), 1 << 16);
            } catch (IOException e) {
                throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
            }
        }

        String next() {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    if (!headerSkipped) {
                        headerSkipped = true;
                        continue;
                    }
                    return line;
                }
                return null;
            } catch (IOException e) {
                throw new DataException("file " + file + ", line " + (lineNo + 1) + ": cannot read: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
                source.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing " + file, e);
            }
        }
    }
}
