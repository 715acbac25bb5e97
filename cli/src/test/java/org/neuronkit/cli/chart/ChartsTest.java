package org.neuronkit.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.diagnostics.LossSurface;
import org.neuronkit.diagnostics.Series;
import org.neuronkit.diagnostics.SurfaceFigure;

class ChartsTest {

    private static BufferedImage read(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png.toString());
        assertEquals(Charts.WIDTH, image.getWidth());
        assertEquals(Charts.HEIGHT, image.getHeight());
        return image;
    }

    @Test
    void logarithmicLineChartLeavesOutNonPositivePoints(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub/loss.png");
        Charts.line(png, "loss", "epoch", "loss", true, List.of(
                new Series("train", new double[] {1, 2, 3}, new double[] {1.0, 0.0, 0.1}),
                new Series("empty after filtering", new double[] {1}, new double[] {-1})));
        read(png);
    }

    @Test
    void smallHeatMapWithValuesAsForAConfusionMatrix(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("confusion.png");
        Charts.heatMap(png, "confusion", "predicted", "true", List.of("0", "1", "2"), List.of("0", "1", "2"),
                new double[][] {{5, 1, 0}, {0, 7, 2}, {1, 0, 9}}, true);
        read(png);
    }

    @Test
    void surfaceHeatMapWithSparseAxisLabels(@TempDir Path dir) throws Exception {
        int n = 21;
        double[] axis = new double[n];
        double[][] values = new double[n][n];
        for (int i = 0; i < n; i++) {
            axis[i] = i - 10;
        }
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                values[j][i] = axis[i] * axis[i] - axis[j];
            }
        }
        Path png = dir.resolve("surface.png");
        Charts.heatMap(new SurfaceFigure("s", "surface", new LossSurface.Grid("a", "b", axis, axis, values)), png);
        read(png);
    }

    @Test
    void sparseLabelsShowAboutTenTicks() {
        double[] values = new double[41];
        for (int i = 0; i < values.length; i++) {
            values[i] = -10 + i * 0.5;
        }
        List<String> labels = Charts.sparseLabels(values);
        assertEquals(41, labels.size());
        assertEquals(11, labels.stream().filter(l -> !l.isBlank()).count());
        assertEquals(" ", labels.get(1));
        assertEquals("-6.00", labels.get(8));
        assertEquals("-10.0", labels.get(0));
        assertEquals("10.0", labels.get(40));
    }
}
