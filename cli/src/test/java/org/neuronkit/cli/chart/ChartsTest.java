package org.neuronkit.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
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

    /** Round axis ends, so that XChart's ticks are round (relu-family.png had ticks at −2.56, 0.04, −5.22). */
    @Test
    void axisEndsAreRoundMultiplesOfOneTwoOrFive() {
        assertEquals(List.of(-4.0, 6.0), List.of(Charts.niceBounds(-2.56, 5.22)[0], Charts.niceBounds(-2.56, 5.22)[1]));
        assertEquals(List.of(-3.0, 3.0), List.of(Charts.niceBounds(-3, 3)[0], Charts.niceBounds(-3, 3)[1]));
        assertEquals(List.of(0.0, 0.25), List.of(Charts.niceBounds(0.003, 0.241)[0], Charts.niceBounds(0.003, 0.241)[1]));
    }

    @Test
    void lineColoursArePairwiseDistinct() {
        assertEquals(Math.sqrt(3) * 255, Charts.distance(Color.BLACK, Color.WHITE), 1e-9);
        for (int n : new int[] {6, 12, 30}) {
            Color[] colours = Charts.colours(n);
            assertEquals(n, colours.length);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    double distance = Charts.distance(colours[i], colours[j]);
                    assertTrue(distance >= Charts.MIN_COLOUR_DISTANCE, "colours " + j + " and " + i + " of " + n + " are " + distance + " apart");
                }
            }
        }
    }

    @Test
    void contrastRatioFollowsWcagAndConfusionValuesStayReadable() {
        assertEquals(21, Charts.contrastRatio(Color.BLACK, Color.WHITE), 1e-9);
        assertEquals(1, Charts.contrastRatio(Color.GRAY, Color.GRAY), 1e-12);
        // #767676 on white is the WCAG example of 4.54:1
        assertEquals(4.54, Charts.contrastRatio(new Color(0x767676), Color.WHITE), 0.01);
        Color[] scale = Charts.LIGHT_HEAT;
        for (int i = 0; i + 1 < scale.length; i++) {
            for (double t = 0; t <= 1; t += 0.125) {
                Color between = new Color((int) Math.round(scale[i].getRed() * (1 - t) + scale[i + 1].getRed() * t),
                        (int) Math.round(scale[i].getGreen() * (1 - t) + scale[i + 1].getGreen() * t),
                        (int) Math.round(scale[i].getBlue() * (1 - t) + scale[i + 1].getBlue() * t));
                double ratio = Charts.contrastRatio(Charts.VALUE_TEXT, between);
                assertTrue(ratio >= Charts.MIN_TEXT_CONTRAST, "cell colour " + between + ": contrast " + ratio);
            }
        }
    }
}
