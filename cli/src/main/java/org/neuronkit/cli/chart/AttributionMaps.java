package org.neuronkit.cli.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.neuronkit.io.AtomicFiles;

/**
 * Attribution heat maps of image inputs as one PNG: for each explained row, the input image (white
 * 0 to black at the row's largest value) beside its attribution map in diverging colours (red: the
 * pixel raised the explained output, blue: it lowered it, white: no effect; each map scaled by its
 * own largest |attribution|), with a caption above the pair; {@value #PAIRS_PER_LINE} pairs a line.
 * Drawn with AWT in memory, then written atomically ({@link AtomicFiles}).
 *
 * <h2>Shapes</h2>
 * Each row's pixels and attributions are H·W values, row-major (the data sets' layout).
 */
public final class AttributionMaps {
    static final int PAIRS_PER_LINE = 4;
    /** The side of a drawn image, in PNG pixels (about; a whole number of PNG pixels per image pixel). */
    private static final int PANEL = 168;
    private static final int GAP = 8;
    private static final int CAPTION = 22;
    private static final int FOOTER = 26;
    private static final Color POSITIVE = new Color(178, 24, 43);
    private static final Color NEGATIVE = new Color(33, 102, 172);

    /** One explained row: its raw pixels, its attributions and a caption (e.g. the class and probability). */
    public record Example(double[] pixels, double[] attributions, String caption) {
    }

    private AttributionMaps() {
    }

    /** Draws {@code examples} (each H × W) into {@code png}, with {@code legend} under the grid. */
    public static void write(Path png, int height, int width, List<Example> examples, String legend) {
        System.setProperty("java.awt.headless", "true");
        int cell = Math.max(2, PANEL / Math.max(height, width));
        int panelWidth = cell * width;
        int panelHeight = cell * height;
        int pairWidth = 2 * panelWidth + GAP;
        int columns = Math.min(PAIRS_PER_LINE, examples.size());
        int lines = (examples.size() + PAIRS_PER_LINE - 1) / PAIRS_PER_LINE;
        int imageWidth = Math.max(360, columns * (pairWidth + 2 * GAP) + GAP);
        int imageHeight = lines * (panelHeight + CAPTION + 2 * GAP) + FOOTER;
        BufferedImage image = new BufferedImage(imageWidth, imageHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, imageWidth, imageHeight);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (int e = 0; e < examples.size(); e++) {
                Example example = examples.get(e);
                int x = GAP + (e % PAIRS_PER_LINE) * (pairWidth + 2 * GAP);
                int y = (e / PAIRS_PER_LINE) * (panelHeight + CAPTION + 2 * GAP) + GAP;
                g.setColor(Color.BLACK);
                g.drawString(example.caption(), x, y + CAPTION - 8);
                drawPanel(g, x, y + CAPTION, cell, height, width, example.pixels(), false);
                drawPanel(g, x + panelWidth + GAP, y + CAPTION, cell, height, width, example.attributions(), true);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(legend, GAP, imageHeight - 9);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + png, e);
        }
        AtomicFiles.write(png, bytes.toByteArray());
    }

    private static void drawPanel(Graphics2D g, int left, int top, int cell, int height, int width, double[] values, boolean diverging) {
        double largest = 0;
        for (double v : values) {
            largest = Math.max(largest, Math.abs(v));
        }
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                double v = largest == 0 ? 0 : values[r * width + c] / largest;
                g.setColor(diverging ? diverging(v) : grey(v));
                g.fillRect(left + c * cell, top + r * cell, cell, cell);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left - 1, top - 1, width * cell + 1, height * cell + 1);
    }

    /** t in [0, 1]: white to black. */
    static Color grey(double t) {
        int level = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, t))));
        return new Color(level, level, level);
    }

    /** t in [−1, 1]: blue through white to red. */
    static Color diverging(double t) {
        Color end = t >= 0 ? POSITIVE : NEGATIVE;
        double s = Math.min(1, Math.abs(t));
        return new Color(mix(255, end.getRed(), s), mix(255, end.getGreen(), s), mix(255, end.getBlue(), s));
    }

    private static int mix(int from, int to, double s) {
        return (int) Math.round(from + (to - from) * s);
    }
}
