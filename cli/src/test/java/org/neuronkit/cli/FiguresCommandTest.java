package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.chart.Charts;

class FiguresCommandTest {
    static final List<String> FIGURES = List.of("logistic-tanh", "hard-activations", "relu-family", "swish", "gelu", "derivatives",
            "loss-surface-squared-error", "loss-surface-cross-entropy", "vanishing-gradients", "approximation-fits", "approximation-error");

    /** A PNG ImageIO can read, of the size Charts draws. */
    static void assertChart(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " missing");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not an image ImageIO can read");
        assertEquals(Charts.WIDTH, image.getWidth(), png.toString());
        assertEquals(Charts.HEIGHT, image.getHeight(), png.toString());
        assertTrue(Files.size(png) > 5_000 && Files.size(png) < 400_000, png + ": " + Files.size(png) + " bytes");
        byte[] magic = new byte[8];
        try (var in = Files.newInputStream(png)) {
            assertEquals(8, in.read(magic));
        }
        assertEquals((byte) 0x89, magic[0]);
        assertEquals("PNG", new String(magic, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Test
    void writesOneValidPngPerFigure(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("figures");
        TrainCommandTest.Result result = TrainCommandTest.run("figures", "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(FIGURES.stream().map(f -> f + ".png").sorted().toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        for (String figure : FIGURES) {
            assertChart(out.resolve(figure + ".png"));
            assertTrue(result.out().contains(out.resolve(figure + ".png").toString()), result.out());
        }
    }
}
