package org.neuronkit.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

import org.neuronkit.DataException;

/**
 * A data file opened for reading, decompressed on the fly when it starts with the gzip magic bytes
 * {@code 1f 8b}. For a gzip file it also reports what the file says about its uncompressed size
 * before anything is read: the trailer's ISIZE (RFC 1952: the uncompressed length mod 2³²) and the
 * most that deflate (at most 1032:1) can expand the file to.
 */
final class GzipOrRaw implements Closeable {
    /** Deflate's largest possible expansion ratio. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** Fixed gzip header (10 bytes) + trailer (CRC32 and ISIZE, 8 bytes). */
    private static final int MIN_GZIP_SIZE = 18;

    private final InputStream stream;
    private final boolean gzipped;
    private final long size;
    private final long trailerSize;

    private GzipOrRaw(InputStream stream, boolean gzipped, long size, long trailerSize) {
        this.stream = stream;
        this.gzipped = gzipped;
        this.size = size;
        this.trailerSize = trailerSize;
    }

    static GzipOrRaw open(Path file) throws IOException {
        long size;
        boolean gzipped;
        long trailer = -1;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            size = channel.size();
            ByteBuffer magic = ByteBuffer.allocate(2);
            channel.read(magic, 0);
            gzipped = magic.position() == 2 && (magic.get(0) & 0xFF) == 0x1f && (magic.get(1) & 0xFF) == 0x8b;
            if (gzipped) {
                if (size < MIN_GZIP_SIZE) {
                    throw new DataException("file " + file + ": too short (" + size + " bytes) for a gzip file");
                }
                ByteBuffer isize = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(isize, size - 4);
                trailer = Integer.toUnsignedLong(isize.getInt(0));
            }
        } catch (NoSuchFileException e) {
            throw new DataException("file " + file + ": does not exist", e);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            InputStream stream = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new GzipOrRaw(stream, gzipped, size, trailer);
        } catch (IOException e) {
            raw.close();
            throw new DataException("file " + file + ": not a valid gzip file: " + e.getMessage(), e);
        }
    }

    InputStream stream() {
        return stream;
    }

    boolean gzipped() {
        return gzipped;
    }

    /** The length of the file on disk. */
    long compressedSize() {
        return size;
    }

    /** The gzip trailer's ISIZE: the uncompressed length mod 2³² (gzip files only). */
    long trailerSize() {
        return trailerSize;
    }

    /** An upper bound on the uncompressed length (gzip files only). */
    long maxUncompressedSize() {
        return size > Long.MAX_VALUE / MAX_DEFLATE_RATIO ? Long.MAX_VALUE : size * MAX_DEFLATE_RATIO;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
