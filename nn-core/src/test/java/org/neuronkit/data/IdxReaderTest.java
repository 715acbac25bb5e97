package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class IdxReaderTest {
    private static final Path FASHION = Path.of("/work/shared/datasets/fashion-mnist");

    @TempDir
    Path dir;

    /** An IDX file written independently of the reader: magic, big-endian counts, payload. */
    static byte[] idx(int magic, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(payload);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] randomPixels(int n) {
        byte[] pixels = new byte[n];
        new Random(7).nextBytes(pixels);
        pixels[0] = 0;
        pixels[1] = (byte) 255;
        return pixels;
    }

    private static void assertPixels(byte[] expected, INDArray images, int n, int size) {
        assertEquals(DataType.FLOAT, images.dataType());
        assertArrayEquals(new long[] {n, size}, images.shape());
        float[] got = images.data().asFloat();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] & 0xFF, got[i], 0f, "pixel " + i);
        }
    }

    @Test
    void readsRawAndGzippedImagesRowMajor() throws IOException {
        byte[] pixels = randomPixels(5 * 3 * 4);
        byte[] raw = idx(IdxReader.IMAGES_MAGIC, new int[] {5, 3, 4}, pixels);
        assertPixels(pixels, IdxReader.readImages(write("images-idx3-ubyte", raw)), 5, 12);
        // gzip is detected by content, not by name
        assertPixels(pixels, IdxReader.readImages(write("images-no-suffix", gzip(raw))), 5, 12);
    }

    @Test
    void readsRawAndGzippedLabels() throws IOException {
        byte[] labels = {3, 0, 9, (byte) 200, 1};
        byte[] raw = idx(IdxReader.LABELS_MAGIC, new int[] {5}, labels);
        int[] expected = {3, 0, 9, 200, 1};
        assertArrayEquals(expected, IdxReader.readLabels(write("labels", raw)));
        assertArrayEquals(expected, IdxReader.readLabels(write("labels.gz", gzip(raw))));
    }

    @Test
    void imagesAndLabelsMakeADataSet() throws IOException {
        byte[] pixels = randomPixels(3 * 2 * 2);
        Path images = write("images", idx(IdxReader.IMAGES_MAGIC, new int[] {3, 2, 2}, pixels));
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {2, 0, 1}));
        DataSet data = IdxReader.read(images, labels, 3);
        assertPixels(pixels, data.features(), 3, 4);
        assertArrayEquals(new int[] {2, 0, 1}, data.labels());
        assertEquals(1.0, data.targets().getDouble(0, 2));

        Path fewer = write("fewer", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {2, 0}));
        assertEquals("file " + images + " has 3 images but file " + fewer + " has 2 labels",
                assertThrows(DataException.class, () -> IdxReader.read(images, fewer, 3)).getMessage());
        assertEquals("file " + labels + ": label 2 of sample 0 is outside the classes 0..1",
                assertThrows(DataException.class, () -> IdxReader.read(images, labels, 2)).getMessage());
    }

    @Test
    void truncatedRawFileNamesExpectedAndFoundBytes() throws IOException {
        byte[] raw = idx(IdxReader.IMAGES_MAGIC, new int[] {5, 3, 4}, randomPixels(60));
        Path file = write("cut", Arrays.copyOf(raw, raw.length - 5));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertEquals("file " + file + ": expected 60 bytes of image data (5 images of 3×4), found 55:"
                + " the file is truncated", e.getMessage());
    }

    @Test
    void truncatedGzipFileFailsOnItsTrailer() throws IOException {
        byte[] gz = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {50, 8, 8}, randomPixels(3200)));
        Path file = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().startsWith("file " + file + ": header claims 50 images of 8×8 (3216 bytes"
                + " uncompressed) but the gzip trailer records "), e.getMessage());
        assertTrue(e.getMessage().endsWith("the file is truncated or corrupted"), e.getMessage());
    }

    @Test
    void gzipStreamEndingEarlyReportsBytesFound() throws IOException {
        // the header promises 3 images of 2×2 (12 bytes) but only 8 follow; the trailer is forged
        // so that the up-front check passes and the streaming check must catch it
        byte[] gz = gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {3, 2, 2}, new byte[8]));
        ByteBuffer.wrap(gz, gz.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(16 + 12);
        Path file = write("short.gz", gz);
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().startsWith("file " + file + ": expected 12 bytes of image data, found 8"),
                e.getMessage());
    }

    @Test
    void wrongMagicSaysWhatTheFileIs() throws IOException {
        Path labels = write("labels", idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2}));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(labels));
        assertEquals("file " + labels + ": not an IDX image file: magic number 0x00000801, expected 0x00000803"
                + " (this is a label file)", e.getMessage());

        Path png = write("picture.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        e = assertThrows(DataException.class, () -> IdxReader.readLabels(png));
        assertEquals("file " + png + ": not an IDX label file: magic number 0x89504e47, expected 0x00000801",
                e.getMessage());

        Path stub = write("stub", new byte[] {0, 0, 8, 3, 0, 0});
        e = assertThrows(DataException.class, () -> IdxReader.readImages(stub));
        assertEquals("file " + stub + ": too short for an IDX header of 16 bytes", e.getMessage());
    }

    @Test
    void headerClaimingTwoToThe31ImagesFailsWithoutAllocating() throws IOException {
        byte[] raw = idx(IdxReader.IMAGES_MAGIC, new int[] {Integer.MIN_VALUE, 28, 28}, randomPixels(784));
        Path plain = write("huge", raw);
        Path gz = write("huge.gz", gzip(raw));
        IdxReader.readLabels(write("warm-up", idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[1])));

        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        DataException onRaw = assertThrows(DataException.class, () -> IdxReader.readImages(plain));
        DataException onGz = assertThrows(DataException.class, () -> IdxReader.readImages(gz));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals("file " + plain + ": expected 1683627180032 bytes of image data (2147483648 images of 28×28),"
                + " found 784: the file is truncated", onRaw.getMessage());
        assertTrue(onGz.getMessage().startsWith("file " + gz + ": header claims 2147483648 images of 28×28"
                + " (1683627180032 bytes), more than a "), onGz.getMessage());
        assertTrue(allocated < 2_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void readsFashionMnistTestSet() {
        DataSet test = FashionMnist.test(FASHION);
        INDArray images = test.features();
        int[] labels = test.labels();
        assertArrayEquals(new long[] {10_000, 784}, images.shape());
        assertEquals(0.0, images.minNumber().doubleValue());
        assertEquals(255.0, images.maxNumber().doubleValue());
        int[] perClass = new int[10];
        for (int label : labels) {
            perClass[label]++;
        }
        int[] thousandEach = new int[10];
        Arrays.fill(thousandEach, 1000);
        assertArrayEquals(thousandEach, perClass);

        Path empty = dir;
        assertTrue(assertThrows(DataException.class, () -> FashionMnist.train(empty)).getMessage()
                .startsWith("directory " + empty + " has no train-images-idx3-ubyte.gz or train-images-idx3-ubyte: "));
    }
}
