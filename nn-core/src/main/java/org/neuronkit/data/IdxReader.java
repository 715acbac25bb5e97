package org.neuronkit.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.neuronkit.AllocationLimit;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.backend.ThreadSetup;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST, raw or gzipped (a gzip file is recognised by its
 * magic bytes {@code 1f 8b}, not by its name).
 *
 * <p>Format (big-endian 32-bit integers, then unsigned bytes): an image file is the magic
 * {@code 0x00000803}, the counts N, rows, cols and N·rows·cols pixels; a label file is the magic
 * {@code 0x00000801}, the count N and N labels.
 *
 * <p>Safety: every size in the header is checked against the file before anything is allocated:
 * against the file length for a raw file, against the gzip trailer's ISIZE (the uncompressed length
 * mod 2³²) and deflate's maximum ratio for a gzipped one, against the largest Java array and
 * against the {@link AllocationLimit} (4 bytes per value). The payload is then read into a buffer
 * that grows with the bytes that actually arrive, and only a complete payload is converted into
 * the output array; an early end of the data fails with "file F: expected N bytes of image data,
 * found M".
 *
 * <h2>Shapes</h2>
 * {@link #readImages}: N × (rows·cols), {@link DataType#FLOAT}, raw pixel values 0..255 in row-major
 * order (scale them with a {@link Normalizer}); {@link #readLabels}: {@code int[N]}.
 */
public final class IdxReader {
    static {
        ThreadSetup.ensure(); // before ND4J loads its native libraries
    }

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** The most values one Java array (and so one read) may hold. */
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    /** The payload buffer's first size; it doubles as data arrives. */
    private static final int FIRST_BUFFER = 1 << 20;

    private IdxReader() {
    }

    /**
     * An image file and its label file as a classification {@link DataSet} of raw pixels 0..255
     * (Fashion-MNIST: {@code numClasses} 10).
     */
    public static DataSet read(Path images, Path labels, int numClasses) {
        int[] classes = readLabels(labels);
        INDArray pixels = readImages(images);
        if (pixels.rows() != classes.length) {
            throw new DataException("file " + images + " has " + pixels.rows() + " images but file " + labels
                    + " has " + classes.length + " labels");
        }
        try {
            return DataSet.ofClasses(pixels, classes, numClasses);
        } catch (DataException e) {
            throw new DataException("file " + labels + ": " + e.getMessage(), e);
        }
    }

    /** Reads an image file into an N × (rows·cols) FLOAT matrix of raw pixel values 0..255. */
    public static INDArray readImages(Path file) {
        try (GzipOrRaw source = GzipOrRaw.open(file);
             DataInputStream in = new DataInputStream(source.stream())) {
            long[] dims = readHeader(in, file, IMAGES_MAGIC, 3);
            byte[] payload = readPayload(in, file, "image", checkedLength(source, file, dims, "image"));
            float[] pixels = new float[payload.length];
            for (int i = 0; i < payload.length; i++) {
                pixels[i] = payload[i] & 0xFF;
            }
            return Nd4j.create(pixels, new long[] {dims[0], dims[1] * dims[2]}, DataType.FLOAT);
        } catch (IOException e) {
            throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a label file into an array of N labels 0..255. */
    public static int[] readLabels(Path file) {
        try (GzipOrRaw source = GzipOrRaw.open(file);
             DataInputStream in = new DataInputStream(source.stream())) {
            long[] dims = readHeader(in, file, LABELS_MAGIC, 1);
            byte[] payload = readPayload(in, file, "label", checkedLength(source, file, dims, "label"));
            int[] labels = new int[payload.length];
            for (int i = 0; i < payload.length; i++) {
                labels[i] = payload[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw new DataException("file " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads and checks the magic number and the {@code rank} dimensions (unsigned 32-bit). */
    static long[] readHeader(DataInputStream in, Path file, int magic, int rank) throws IOException {
        int headerBytes = 4 * (rank + 1);
        long[] dims = new long[rank];
        try {
            int found = in.readInt();
            if (found != magic) {
                throw new DataException(String.format(
                        "file %s: not an IDX %s file: magic number 0x%08x, expected 0x%08x%s", file,
                        magic == IMAGES_MAGIC ? "image" : "label", found, magic, describeMagic(found)));
            }
            for (int d = 0; d < rank; d++) {
                dims[d] = Integer.toUnsignedLong(in.readInt());
                if (dims[d] == 0) {
                    throw new DataException("file " + file + ": IDX header has a zero dimension " + (d + 1));
                }
            }
        } catch (EOFException e) {
            throw new DataException("file " + file + ": too short for an IDX header of " + headerBytes + " bytes", e);
        }
        return dims;
    }

    private static String describeMagic(int found) {
        if (found == IMAGES_MAGIC) {
            return " (this is an image file)";
        }
        if (found == LABELS_MAGIC) {
            return " (this is a label file)";
        }
        return "";
    }

    /**
     * Checks the header's payload size against the file and the array limit, before allocating.
     *
     * @return the number of payload bytes (= values), which fits an array
     */
    private static int checkedLength(GzipOrRaw source, Path file, long[] dims, String what) {
        long headerBytes = 4L * (dims.length + 1);
        long values = 1;
        for (long d : dims) {
            values = values > Long.MAX_VALUE / d ? Long.MAX_VALUE : values * d;
        }
        String claim = describeClaim(dims, what);
        long total = values == Long.MAX_VALUE ? Long.MAX_VALUE : headerBytes + values;
        if (source.gzipped()) {
            if (total > source.maxUncompressedSize()) {
                throw new DataException(String.format(
                        "file %s: header claims %s (%d bytes), more than a %d-byte gzip file can hold",
                        file, claim, values, source.compressedSize()));
            }
            if ((total & 0xFFFFFFFFL) != source.trailerSize()) {
                throw new DataException(String.format(
                        "file %s: header claims %s (%d bytes uncompressed) but the gzip trailer records %d"
                                + " bytes (mod 2^32): the file is truncated or corrupted",
                        file, claim, total, source.trailerSize()));
            }
        } else {
            long found = source.compressedSize() - headerBytes;
            if (found != values) {
                throw new DataException(String.format(
                        "file %s: expected %d bytes of %s data (%s), found %d%s", file, values, what, claim,
                        found, found < values ? ": the file is truncated" : ": extra bytes at the end"));
            }
        }
        if (values > MAX_VALUES) {
            throw new DataException(String.format(
                    "file %s: header claims %s (%d values), more than the %d one array can hold",
                    file, claim, values, MAX_VALUES));
        }
        AllocationLimit.check(AllocationLimit.bytes(values, Float.BYTES), "file " + file + ": header claims " + claim
                + " (" + values + " values of 4 bytes)", DataException::new);
        return (int) values;
    }

    private static String describeClaim(long[] dims, String what) {
        return dims.length == 3
                ? dims[0] + " " + what + "s of " + dims[1] + "×" + dims[2]
                : dims[0] + " " + what + "s";
    }

    /**
     * Reads exactly {@code length} payload bytes; fails on an early end or trailing data. The buffer
     * grows with the data that actually arrives (from 1 MiB, doubling), so a header that claims more
     * than the file holds costs no more memory than the file's real content.
     */
    private static byte[] readPayload(InputStream in, Path file, String what, int length) {
        byte[] payload = new byte[Math.min(length, FIRST_BUFFER)];
        int done = 0;
        try {
            while (done < length) {
                if (done == payload.length) {
                    payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
                }
                int n = in.read(payload, done, payload.length - done);
                if (n < 0) {
                    throw new DataException(String.format(
                            "file %s: expected %d bytes of %s data, found %d", file, length, what, done));
                }
                done += n;
            }
            if (in.read() >= 0) {
                throw new DataException(String.format(
                        "file %s: expected %d bytes of %s data, found more", file, length, what));
            }
        } catch (IOException e) {
            throw new DataException(String.format("file %s: expected %d bytes of %s data, found %d (%s)",
                    file, length, what, done, e.getMessage()), e);
        }
        return payload;
    }
}
