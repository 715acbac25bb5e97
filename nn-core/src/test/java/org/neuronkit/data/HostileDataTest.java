package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.AllocationLimit;
import org.neuronkit.DataException;

/** Data files that used to crash the JVM or exhaust its memory: each now fails with a {@link DataException} first. */
class HostileDataTest {
    @TempDir
    Path dir;

    /** 51 rows of two features and a label, the last row's label {@code label}. */
    private Path csvWithLastLabel(String label) throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            csv.append(i).append(',').append(i * 0.5).append(',').append(i % 3).append('\n');
        }
        csv.append("1,2,").append(label).append('\n');
        return Files.writeString(dir.resolve("labels-" + label + ".csv"), csv);
    }

    /** A label of 1e9 made a one-hot matrix of 51 × 10⁹ and killed the JVM in Nd4j.zeros: now it is one more class. */
    @Test
    void hugeLabelsBecomeOneMoreClassNotAHugeOneHotMatrix() throws IOException {
        for (String label : new String[] {"1e9", "2147483646", "10000000"}) {
            DataSet data = CsvReader.defaults().read(csvWithLastLabel(label));
            assertEquals(4, data.numClasses(), label);
            assertEquals(3, data.labels()[50], label);
        }
        Path file = csvWithLastLabel("12000");
        assertEquals(12001, CsvReader.defaults().withClasses(12001).read(file).numClasses(), "a stated C allows more classes");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().withClasses(3).read(file));
        assertEquals("file " + file + ", line 51, column 3: label 12000 is outside the classes 0..2", e.getMessage());
    }

    @Test
    void sparseLabelsAreMappedToContiguousClasses() throws IOException {
        DataSet data = CsvReader.defaults().read(csvWithLastLabel("500"));
        assertEquals(4, data.numClasses());
        assertEquals(51, data.size());
        assertEquals(3, data.labels()[50]);
    }

    @Test
    void moreDistinctLabelsThanTheLimitAreRefused() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i <= CsvReader.MAX_INFERRED_CLASSES; i++) {
            csv.append(i % 7).append(',').append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("codes.csv"), csv);
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().read(file));
        assertEquals("file " + file + ", line 10001, column 2: more than 10000 different labels (a real-valued target? train it with"
                + " --task regression)", e.getMessage());
    }

    @Test
    void oneHotTargetsBeyondTheLimitAreRefused() {
        DataException e = assertThrows(DataException.class,
                () -> DataSet.ofClasses(Nd4j.ones(DataType.FLOAT, 51, 2), new int[51], 1_000_000_000));
        assertEquals("the one-hot targets of 51 samples × 1000000000 classes: 204,000,000,000 bytes requested, more than the"
                + " allocation limit of 2,147,483,648 bytes (set the system property neuronkit.maxAllocationBytes to raise it)",
                e.getMessage());
    }

    /** A gzip file of 1 MB whose header and trailer agree on a million 28×28 images (3.1 GB as floats). */
    @Test
    void forgedGzipImageHeaderIsRefusedBeforeAllocating() throws IOException {
        int images = 1_000_000;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(raw);
        header.writeInt(IdxReader.IMAGES_MAGIC);
        header.writeInt(images);
        header.writeInt(28);
        header.writeInt(28);
        header.write(new byte[784]);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw.toByteArray());
        }
        byte[] forged = Arrays.copyOf(gz.toByteArray(), 1 << 20);
        long claimed = 16 + 784L * images;
        ByteBuffer.wrap(forged, forged.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) claimed);
        Path file = Files.write(dir.resolve("forged-idx3-ubyte.gz"), forged);

        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(file));
        assertEquals("file " + file + ": header claims 1000000 images of 28×28 (784000000 values of 4 bytes): 3,136,000,000 bytes"
                + " requested, more than the allocation limit of 2,147,483,648 bytes (set the system property"
                + " neuronkit.maxAllocationBytes to raise it)", e.getMessage());
    }

    /** 500 M labels claimed (2 GB as ints, within the limit) by a 512 KB gzip file: memory follows the bytes that arrive. */
    @Test
    void aForgedHeaderWithinTheLimitCostsOnlyWhatTheFileHolds() throws IOException {
        int labels = 500_000_000;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(raw);
        header.writeInt(IdxReader.LABELS_MAGIC);
        header.writeInt(labels);
        header.write(new byte[] {1, 2, 3, 4, 5, 6, 7});
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(raw.toByteArray());
        }
        byte[] forged = Arrays.copyOf(gz.toByteArray(), 1 << 19);
        ByteBuffer.wrap(forged, forged.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(8 + labels);
        Path file = Files.write(dir.resolve("forged-idx1-ubyte.gz"), forged);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        DataException e = assertThrows(DataException.class, () -> IdxReader.readLabels(file));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(e.getMessage().startsWith("file " + file + ": expected 500000000 bytes of label data, found 7"), e.getMessage());
        assertTrue(allocated < 16 << 20, "allocated " + allocated + " bytes");
    }

    /** {@code predict --input /dev/zero} read one endless line into the heap. */
    @Test
    @EnabledOnOs(OS.LINUX)
    @Timeout(30)
    void aFileWithoutLineBreaksFailsAfterTheLineLimit() {
        Path zero = Path.of("/dev/zero");
        DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().readFeatures(zero));
        assertEquals("file /dev/zero, line 1: longer than 16,777,216 characters (not a text file?)", e.getMessage());
    }

    @Test
    void csvValuesBeyondTheLimitFailOnTheLineThatCrossesIt() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            csv.append("1,2,3,4,").append(i % 2).append('\n');
        }
        Path file = Files.writeString(dir.resolve("many.csv"), csv);
        System.setProperty(AllocationLimit.PROPERTY, "1000");
        try {
            DataException e = assertThrows(DataException.class, () -> CsvReader.defaults().read(file));
            // 32 rows of 4 doubles are 1,024 bytes
            assertEquals("file " + file + ", line 32: reading 32 rows of 4 values: 1,024 bytes requested, more than the allocation"
                    + " limit of 1,000 bytes (set the system property neuronkit.maxAllocationBytes to raise it)", e.getMessage());
        } finally {
            System.clearProperty(AllocationLimit.PROPERTY);
        }
        assertEquals(100, CsvReader.defaults().read(file).size());
    }

    @Test
    void lineEndingsOfEveryKindSplitLines() throws IOException {
        Path file = Files.writeString(dir.resolve("endings.csv"), "1,0\r\n2,1\r3,0\n\n4,1");
        DataSet data = CsvReader.defaults().read(file);
        assertEquals(4, data.size());
        assertTrue(Arrays.equals(new int[] {0, 1, 0, 1}, data.labels()));
        assertEquals(4.0, data.features().getDouble(3, 0));
    }
}
