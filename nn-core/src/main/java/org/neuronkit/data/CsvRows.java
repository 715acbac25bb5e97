package org.neuronkit.data;

import java.nio.file.Path;
import java.util.List;

import org.neuronkit.DataException;

/**
 * A labelled CSV file (plain or gzip) as a {@link RowFile}: {@link #scan} reads it once, checking
 * every cell as {@link CsvReader#read} does, counting the rows and gathering the distinct labels
 * (their {@link LabelCoding}) and each categorical column's categories (the {@link InputEncoding},
 * as {@link CsvReader#read} would find it) while holding one row at a time; each {@link #open} reads
 * it again from the start, one-hot encoding the categorical columns.
 */
final class CsvRows implements RowFile {
    private final Path file;
    private final CsvReader format;
    private final CsvDialect dialect;
    private final LabelCoding coding;
    private final InputEncoding encoding;
    private final long rows;
    private final int width;

    private CsvRows(Path file, CsvReader format, CsvDialect dialect, LabelCoding coding, InputEncoding encoding, long rows, int width) {
        this.file = file;
        this.format = format;
        this.dialect = dialect;
        this.coding = coding;
        this.encoding = encoding;
        this.rows = rows;
        this.width = width;
    }

    /** Checks the whole file and measures it: rows, columns, classes (as configured, or from its labels) and categories. */
    static CsvRows scan(Path file, CsvReader format) {
        CsvDialect dialect = format.dialect(file);
        LabelCoding.Inference inference = format.classes() == null ? new LabelCoding.Inference(file) : null;
        CsvReader.LabelMap labels = inference != null ? inference::add : (cell, line, c) -> format.classes().classOf(cell, file, line, c);
        long rows = 0;
        int width = -1;
        CsvReader.LabelledColumns columns = null;
        double[] scratch = null;
        try (CsvCells cells = CsvCells.open(file, dialect.delimiter(), dialect.header())) {
            for (String[] row = cells.next(); row != null; row = cells.next()) {
                if (scratch == null) {
                    width = row.length;
                    scratch = new double[width];
                    columns = format.labelledColumns(width, cells.header(), file);
                }
                format.parseLabelled(row, file, cells.line(), rows == 0 && !dialect.header(), scratch, dialect, labels, columns);
                rows++;
            }
        }
        if (rows == 0) {
            throw new DataException("file " + file + ": no data rows");
        }
        return new CsvRows(file, format, dialect, inference != null ? inference.coding(rows) : format.classes(),
                columns.features().encoding(), rows, width);
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public int features() {
        return encoding.width();
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
    public InputEncoding encoding() {
        return encoding.hasCategories() ? encoding : null;
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public Reader open() {
        CsvCells cells = CsvCells.open(file, dialect.delimiter(), dialect.header());
        double[] raw = new double[width];
        double[] encoded = new double[encoding.width()];
        CsvReader.LabelledColumns columns = format.withEncoding(encoding, UnknownCategory.ERROR).labelledColumns(width, cells.header(), file);
        CsvReader.LabelMap labels = (cell, line, c) -> coding.classOf(cell, file, line, c);
        boolean oneHot = encoding.hasCategories();
        return new Reader() {
            @Override
            public int next(float[] into, int offset) {
                String[] row = cells.next();
                if (row == null) {
                    return -1;
                }
                int label = format.parseLabelled(row, file, cells.line(), false, raw, dialect, labels, columns);
                double[] values = raw;
                if (oneHot) {
                    columns.features().encode(raw, encoded);
                    values = encoded;
                }
                for (int i = 0; i < encoded.length; i++) {
                    into[offset + i] = (float) values[i];
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
