package org.neuronkit.data;

import java.nio.file.Path;
import java.util.List;

import org.neuronkit.DataException;

/**
 * A labelled CSV file (plain or gzip) as a {@link RowFile}: {@link #scan} reads it once, checking
 * every cell as {@link CsvReader#read} does, counting the rows and gathering the distinct labels
 * (their {@link LabelCoding}) while holding one row at a time; each {@link #open} reads it again from
 * the start.
 */
final class CsvRows implements RowFile {
    private final Path file;
    private final CsvReader format;
    private final CsvDialect dialect;
    private final LabelCoding coding;
    private final long rows;
    private final int width;
    private final int features;

    private CsvRows(Path file, CsvReader format, CsvDialect dialect, LabelCoding coding, long rows, int width, int features) {
        this.file = file;
        this.format = format;
        this.dialect = dialect;
        this.coding = coding;
        this.rows = rows;
        this.width = width;
        this.features = features;
    }

    /** Checks the whole file and measures it: rows, columns and classes (as configured, or from its labels). */
    static CsvRows scan(Path file, CsvReader format) {
        CsvDialect dialect = format.dialect(file);
        LabelCoding.Inference inference = format.classes() == null ? new LabelCoding.Inference(file) : null;
        CsvReader.LabelMap labels = inference != null ? inference::add : (cell, line, c) -> format.classes().classOf(cell, file, line, c);
        long rows = 0;
        int width = -1;
        int features = 0;
        double[] scratch = null;
        try (CsvCells cells = CsvCells.open(file, dialect.delimiter(), dialect.header())) {
            for (String[] row = cells.next(); row != null; row = cells.next()) {
                if (scratch == null) {
                    width = row.length;
                    scratch = new double[width];
                    features = format.featureCount(width, cells.header(), file);
                }
                format.parseLabelled(row, file, cells.line(), width, cells.header(), rows == 0 && !dialect.header(), scratch, dialect, labels);
                rows++;
            }
        }
        if (rows == 0) {
            throw new DataException("file " + file + ": no data rows");
        }
        return new CsvRows(file, format, dialect, inference != null ? inference.coding(rows) : format.classes(), rows, width, features);
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int features() {
        return features;
    }

    @Override
    public int classes() {
        return coding.classes();
    }

    @Override
    public List<String> classNames() {
        return coding.names();
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public Reader open() {
        CsvCells cells = CsvCells.open(file, dialect.delimiter(), dialect.header());
        double[] scratch = new double[width];
        CsvReader.LabelMap labels = (cell, line, c) -> coding.classOf(cell, file, line, c);
        return new Reader() {
            @Override
            public int next(float[] into, int offset) {
                String[] row = cells.next();
                if (row == null) {
                    return -1;
                }
                int label = format.parseLabelled(row, file, cells.line(), width, cells.header(), false, scratch, dialect, labels);
                for (int i = 0; i < features; i++) {
                    into[offset + i] = (float) scratch[i];
                }
                return label;
            }

            @Override
            public void close() {
                cells.close();
            }
        };
    }
}
