package org.neuronkit.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxFileTest {

    @TempDir
    Path dir;

    @Test
    void readsImagesScaledToUnitIntervalAndLabels() throws IOException {
        Path images = write("images.gz", 0x803, new int[] {2, 1, 3}, new byte[] {0, (byte) 255, 51, 102, (byte) 204, 1});
        Path labels = write("labels.gz", 0x801, new int[] {2}, new byte[] {7, 9});

        float[][] x = FashionEpochBenchmark.IdxFile.images(images, 2);
        assertArrayEquals(new float[] {0f, 1f, 0.2f}, x[0], 1e-7f);
        assertArrayEquals(new float[] {0.4f, 0.8f, 1 / 255f}, x[1], 1e-7f);
        assertArrayEquals(new int[] {7, 9}, FashionEpochBenchmark.IdxFile.labels(labels, 2));
    }

    @Test
    void rejectsAWrongMagicNumberAndTooFewItems() throws IOException {
        Path labels = write("labels.gz", 0x801, new int[] {2}, new byte[] {7, 9});

        UncheckedIOException magic = assertThrows(UncheckedIOException.class,
                () -> FashionEpochBenchmark.IdxFile.images(labels, 2));
        assertTrue(magic.getCause().getMessage().contains("magic number 0x801, expected 0x803"),
                magic.getCause().getMessage());
        UncheckedIOException few = assertThrows(UncheckedIOException.class,
                () -> FashionEpochBenchmark.IdxFile.labels(labels, 3));
        assertEquals(labels + " holds 2 items, the benchmark needs 3", few.getCause().getMessage());
    }

    private Path write(String name, int magic, int[] dims, byte[] data) throws IOException {
        Path file = dir.resolve(name);
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        return file;
    }
}
