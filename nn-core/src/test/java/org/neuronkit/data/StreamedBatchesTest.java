package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;

class StreamedBatchesTest {
    @TempDir
    Path dir;

    /** Row i: features (i, i / 2, −i), label i mod 3. */
    private Path csv(String name, int rows, boolean gzip) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw) : raw;
             Writer w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8)) {
            w.write("a,b,c,label\n");
            for (int i = 0; i < rows; i++) {
                w.write(i + "," + (i / 2.0) + "," + (-i) + "," + (i % 3) + "\n");
                if (i % 100 == 0) {
                    w.write("\n");
                }
            }
        }
        return file;
    }

    /** The ids (first feature) of every row of an epoch, in order, checking each row's other values. */
    private static List<Integer> epoch(BatchSource source, int epoch) {
        List<Integer> ids = new ArrayList<>();
        source.startEpoch(epoch);
        while (source.hasNext()) {
            Minibatches.Batch batch = source.next();
            float[][] f = batch.features().toFloatMatrix();
            float[][] t = batch.targets().toFloatMatrix();
            for (int r = 0; r < batch.size(); r++) {
                int id = (int) f[r][0];
                assertEquals(id / 2.0, f[r][1], 0);
                assertEquals(-id, f[r][2], 0);
                assertEquals(id % 3, batch.labels()[r]);
                float[] oneHot = new float[3];
                oneHot[id % 3] = 1;
                assertArrayEquals(oneHot, t[r]);
                ids.add(id);
            }
        }
        return ids;
    }

    @Test
    void everyRowOnceAnEpochNeverMoreThanTheBufferAhead() throws IOException {
        int rows = 1_000;
        int buffer = 50;
        for (boolean gzip : new boolean[] {false, true}) {
            Path file = csv("rows.csv" + (gzip ? ".gz" : ""), rows, gzip);
            try (BatchSource source = BatchSource.csv(file, CsvReader.defaults().withHeader(true), 32, buffer, 7)) {
                assertEquals(rows, source.size());
                assertEquals(3, source.featureCount());
                assertEquals(3, source.targetCount());
                assertEquals(32, source.batchesPerEpoch());
                List<Integer> first = epoch(source, 0);
                int[] sorted = first.stream().mapToInt(Integer::intValue).sorted().toArray();
                assertArrayEquals(java.util.stream.IntStream.range(0, rows).toArray(), sorted, "each row exactly once");
                for (int k = 0; k < first.size(); k++) {
                    assertTrue(first.get(k) < k + buffer, "row " + first.get(k) + " came " + k + "-th: more than "
                            + buffer + " rows ahead of the stream");
                }
                assertFalse(first.equals(java.util.stream.IntStream.range(0, rows).boxed().toList()), "shuffled");
                assertEquals(first, epoch(source, 0), "the same epoch again gives the same order");
                assertFalse(first.equals(epoch(source, 1)), "another epoch another order");
            }
        }
    }

    @Test
    void aBufferAsLargeAsTheFileShufflesAcrossIt() throws IOException {
        Path file = csv("rows.csv", 400, false);
        try (BatchSource source = BatchSource.csv(file, CsvReader.defaults().withHeader(true), 400, 1_000_000, 3)) {
            List<Integer> order = epoch(source, 0);
            assertTrue(order.subList(0, 40).stream().anyMatch(id -> id >= 360), "a row from the file's end comes early");
            assertEquals(400, ((ShuffledBatches) source).bufferRows());
        }
        try (BatchSource source = BatchSource.csv(file, CsvReader.defaults().withHeader(true), 64, 1, 3)) {
            assertEquals(java.util.stream.IntStream.range(0, 400).boxed().toList(), epoch(source, 0), "a buffer of one row keeps the order");
        }
    }

    /**
     * A text column streams one-hot encoded, with the categories (sorted) and features the in-memory reader
     * finds in the same file, row for row; a number among a column's categories is a category there too.
     */
    @Test
    void aTextColumnStreamsOneHotAsTheReaderLoadsIt() throws IOException {
        Path file = dir.resolve("colours.csv");
        StringBuilder text = new StringBuilder("width,colour,label\n");
        String[] colours = {"red", "green", "blue", "7"};
        for (int i = 0; i < 40; i++) {
            text.append(i * 0.5).append(',').append(colours[(i * 7) % (i < 3 ? 3 : 4)]).append(',').append(i % 2).append('\n');
        }
        Files.writeString(file, text.toString());
        CsvReader reader = CsvReader.defaults().withHeader(true);
        CsvReader.CsvData loaded = reader.readNamed(file);
        assertEquals(List.of("width", "colour=7", "colour=blue", "colour=green", "colour=red"), loaded.encoding().featureNames());
        float[][] expected = loaded.data().features().toFloatMatrix();
        try (BatchSource source = BatchSource.csv(file, reader, 1, 1, 3)) {
            assertEquals(loaded.encoding(), source.inputEncoding());
            assertEquals(5, source.featureCount());
            source.startEpoch(0);
            for (int r = 0; r < expected.length; r++) {
                Minibatches.Batch batch = source.next();
                assertArrayEquals(expected[r], batch.features().toFloatMatrix()[0], 0, "row " + r);
                assertEquals(r % 2, batch.labels()[0]);
            }
            assertFalse(source.hasNext());
        }
        try (BatchSource numeric = BatchSource.csv(csv("numbers.csv", 10, false), reader, 2, 4, 1)) {
            assertEquals(null, numeric.inputEncoding(), "numbers alone need no encoding");
        }
    }

    @Test
    void badCellsFailWhenTheSourceOpensNamingFileLineAndColumn() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "1,2,0\n3,4,1\n5,x,1\n");
        DataException e = assertThrows(DataException.class, () -> BatchSource.csv(file, CsvReader.defaults(), 2, 10, 1));
        assertTrue(e.getMessage().contains("line 3, column 2") && e.getMessage().contains("'x'"), e.getMessage());
        Path gap = dir.resolve("gap.csv");
        Files.writeString(gap, "1,2,0\n3,NA,1\n");
        DataException missing = assertThrows(DataException.class, () -> BatchSource.csv(gap, CsvReader.defaults(), 2, 10, 1));
        assertEquals("file " + gap + ", line 2, column 2: missing value 'NA' (a streamed file is read as it is: fill in its gaps first,"
                + " or leave out --stream to read it whole with --missing)", missing.getMessage());
        assertThrows(ConfigurationException.class, () -> BatchSource.csv(csv("ok.csv", 10, false),
                CsvReader.defaults().withHeader(true), 2, 0, 1));
    }

    @Test
    void aFileChangedWhileTrainingIsReported() throws IOException {
        Path file = csv("rows.csv", 100, false);
        try (BatchSource source = BatchSource.csv(file, CsvReader.defaults().withHeader(true), 10, 5, 1)) {
            Files.writeString(file, "a,b,c,label\n1,2,3,0\n");
            source.startEpoch(0);
            DataException e = assertThrows(DataException.class, () -> {
                while (source.hasNext()) {
                    source.next();
                }
            });
            assertTrue(e.getMessage().contains("ended after 1 of its 100 rows"), e.getMessage());
        }
    }

    @Test
    void idxFilesStreamLikeTheReaderLoadsThem() throws IOException {
        int n = 60;
        byte[] pixels = new byte[n * 6];
        byte[] labels = new byte[n];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37 + 11);
        }
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 4);
        }
        byte[] images = IdxReaderTest.idx(IdxReader.IMAGES_MAGIC, new int[] {n, 2, 3}, pixels);
        byte[] labelFile = IdxReaderTest.idx(IdxReader.LABELS_MAGIC, new int[] {n}, labels);
        for (boolean gz : new boolean[] {false, true}) {
            Path im = Files.write(dir.resolve("im" + gz), gz ? IdxReaderTest.gzip(images) : images);
            Path lb = Files.write(dir.resolve("lb" + gz), gz ? IdxReaderTest.gzip(labelFile) : labelFile);
            DataSet whole = IdxReader.read(im, lb, 4);
            try (BatchSource source = BatchSource.idx(im, lb, 4, 16, 8, 5)) {
                assertEquals(n, source.size());
                assertEquals(6, source.featureCount());
                List<String> streamed = new ArrayList<>();
                source.startEpoch(0);
                while (source.hasNext()) {
                    Minibatches.Batch b = source.next();
                    for (int r = 0; r < b.size(); r++) {
                        streamed.add(Arrays.toString(b.features().getRow(r).toFloatVector()) + b.labels()[r]);
                    }
                }
                List<String> loaded = new ArrayList<>();
                for (int r = 0; r < n; r++) {
                    loaded.add(Arrays.toString(whole.features().getRow(r).toFloatVector()) + whole.labels()[r]);
                }
                assertFalse(loaded.equals(streamed), "shuffled");
                java.util.Collections.sort(streamed);
                java.util.Collections.sort(loaded);
                assertEquals(loaded, streamed, "the same rows as IdxReader loads");
            }
        }
        byte[] cut = IdxReaderTest.gzip(Arrays.copyOf(images, images.length - 10));
        Path im = Files.write(dir.resolve("cut.gz"), cut);
        Path lb = Files.write(dir.resolve("lb.gz"), IdxReaderTest.gzip(labelFile));
        try (BatchSource source = BatchSource.idx(im, lb, 4, 16, 8, 5)) {
            source.startEpoch(0);
            DataException e = assertThrows(DataException.class, () -> {
                while (source.hasNext()) {
                    source.next();
                }
            });
            assertTrue(e.getMessage().contains("cut.gz: ends at sample 58 of the 60"), e.getMessage());
        }
        Path rawCut = Files.write(dir.resolve("cut.raw"), Arrays.copyOf(images, images.length - 1));
        DataException e = assertThrows(DataException.class, () -> BatchSource.idx(rawCut, dir.resolve("lbfalse"), 4, 16, 8, 5));
        assertTrue(e.getMessage().contains("cut.raw: header claims 360 values, the file holds 359"), e.getMessage());
        DataException label = assertThrows(DataException.class, () -> {
            try (BatchSource source = BatchSource.idx(dir.resolve("imfalse"), dir.resolve("lbfalse"), 3, 16, 8, 5)) {
                source.startEpoch(0);
                while (source.hasNext()) {
                    source.next();
                }
            }
        });
        assertTrue(label.getMessage().contains("label 3 of sample"), label.getMessage());
    }

    /**
     * Streaming a CSV file ten times the size of the whole shuffle buffer keeps the retained heap
     * within a bound far below the file's size: what the source holds does not grow with the file.
     */
    @Test
    void retainedHeapIsBoundedByTheBufferNotTheFile() throws IOException {
        int rows = 60_000;
        int features = 32;
        Path file = dir.resolve("big.csv");
        java.util.Random random = new java.util.Random(1);
        try (Writer w = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                for (int c = 0; c < features; c++) {
                    line.append(random.nextInt(1000) / 10.0).append(',');
                }
                w.write(line.append(i % 10).append('\n').toString());
            }
        }
        long fileBytes = Files.size(file);
        long inMemory = (long) rows * features * Float.BYTES;
        long before = retainedHeap();
        long peak = 0;
        try (BatchSource source = BatchSource.csv(file, CsvReader.defaults(), 64, 1_000, 1)) {
            source.startEpoch(0);
            int batch = 0;
            while (source.hasNext()) {
                source.next();
                if (++batch % 300 == 0) {
                    peak = Math.max(peak, retainedHeap() - before);
                }
            }
        }
        long bound = 1L << 20;
        assertTrue(fileBytes > 9_000_000 && inMemory > 7_000_000, fileBytes + " bytes in the file");
        System.out.println("streamed " + fileBytes + " bytes of CSV retaining at most " + peak + " bytes of heap");
        assertTrue(peak < bound, "the source retained " + peak + " bytes of heap mid-epoch (bound " + bound
                + "; the file has " + fileBytes + " bytes, its rows as floats " + inMemory + ")");
    }

    private static long retainedHeap() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    @Test
    void closedSourcesSaySo() throws IOException {
        BatchSource source = BatchSource.csv(csv("rows.csv", 10, false), CsvReader.defaults().withHeader(true), 4, 4, 1);
        source.close();
        source.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.startEpoch(0));
        assertTrue(e.getMessage().contains("rows.csv is closed"), e.getMessage());
        Minibatches batches = new Minibatches(DataSet.ofClasses(new double[][] {{1}, {2}}, new int[] {0, 1}, 2), 1, 1);
        batches.close();
        assertThrows(IllegalStateException.class, () -> batches.startEpoch(0));
        assertEquals(DataType.DOUBLE, batches.dataType());
    }
}
