package org.neuronkit.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.neuronkit.DataException;

/**
 * An IDX image file (N × H × W unsigned bytes) and its label file (N unsigned bytes), raw or gzip,
 * as a {@link RowFile} of N rows of H·W pixel values 0..255: both headers are checked when it is
 * opened (magic numbers, equal counts, and for a raw file its exact length), and every pass streams
 * both files side by side, one image at a time. A gzip file shorter than its header claims fails
 * when a pass reaches its end, naming the file and the row.
 */
final class IdxRows implements RowFile {
    private final Path images;
    private final Path labels;
    private final long rows;
    private final int features;
    private final int classes;

    private IdxRows(Path images, Path labels, long rows, int features, int classes) {
        this.images = images;
        this.labels = labels;
        this.rows = rows;
        this.features = features;
        this.classes = classes;
    }

    static IdxRows open(Path images, Path labels, int classes) {
        if (classes < 1 || classes > 256) {
            throw new DataException("IDX labels are bytes: the number of classes must be in 1..256, got " + classes);
        }
        long[] imageDims = dims(images, IdxReader.IMAGES_MAGIC, 3);
        long[] labelDims = dims(labels, IdxReader.LABELS_MAGIC, 1);
        if (imageDims[0] != labelDims[0]) {
            throw new DataException("file " + images + " has " + imageDims[0] + " images but file " + labels
                    + " has " + labelDims[0] + " labels");
        }
        long pixels = imageDims[1] * imageDims[2];
        if (pixels > Integer.MAX_VALUE - 8) {
            throw new DataException("file " + images + ": images of " + imageDims[1] + "×" + imageDims[2] + " are too large for one row");
        }
        return new IdxRows(images, labels, imageDims[0], (int) pixels, classes);
    }

    /** The header's dimensions; for a raw file also checks that its length is header + their product. */
    private static long[] dims(Path file, int magic, int rank) {
        try (GzipOrRaw source = GzipOrRaw.open(file); DataInputStream in = new DataInputStream(source.stream())) {
            long[] dims = IdxReader.readHeader(in, file, magic, rank);
            long values = 1;
            for (long d : dims) {
                values = values > Long.MAX_VALUE / d ? Long.MAX_VALUE : values * d;
            }
            long payload = source.compressedSize() - 4L * (rank + 1);
            if (!source.gzipped() && payload != values) {
                throw new DataException(String.format("file %s: header claims %d values, the file holds %d bytes after the header",
                        file, values, payload));
            }
            return dims;
        } catch (IOException e) {
            throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
        }
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
        return classes;
    }

    @Override
    public String describe() {
        return "files " + images + " and " + labels;
    }

    @Override
    public Reader open() {
        return new Pass();
    }

    /** One pass: both streams just after their headers. */
    private final class Pass implements Reader {
        private final GzipOrRaw imageSource;
        private final GzipOrRaw labelSource;
        private final DataInputStream imageIn;
        private final DataInputStream labelIn;
        private final byte[] row = new byte[features];
        private long read;

        Pass() {
            try {
                imageSource = GzipOrRaw.open(images);
                labelSource = GzipOrRaw.open(labels);
                imageIn = new DataInputStream(imageSource.stream());
                labelIn = new DataInputStream(labelSource.stream());
                IdxReader.readHeader(imageIn, images, IdxReader.IMAGES_MAGIC, 3);
                IdxReader.readHeader(labelIn, labels, IdxReader.LABELS_MAGIC, 1);
            } catch (IOException e) {
                throw new DataException(describe() + ": cannot read: " + e.getMessage(), e);
            }
        }

        @Override
        public int next(float[] into, int offset) {
            if (read == rows) {
                return -1;
            }
            Path file = images;
            try {
                imageIn.readFully(row);
                file = labels;
                int label = labelIn.readUnsignedByte();
                if (label >= classes) {
                    throw new DataException("file " + labels + ": label " + label + " of sample " + read
                            + " is outside the classes 0.." + (classes - 1));
                }
                for (int i = 0; i < features; i++) {
                    into[offset + i] = row[i] & 0xFF;
                }
                read++;
                return label;
            } catch (EOFException e) {
                throw new DataException("file " + file + ": ends at sample " + read + " of the " + rows + " its header claims", e);
            } catch (IOException e) {
                throw new DataException("file " + file + ": cannot read sample " + read + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                imageSource.close();
                labelSource.close();
            } catch (IOException e) {
                throw new UncheckedIOException("closing " + describe(), e);
            }
        }
    }
}
