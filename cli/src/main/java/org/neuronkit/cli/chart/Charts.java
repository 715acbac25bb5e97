package org.neuronkit.cli.chart;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.neuronkit.diagnostics.LineFigure;
import org.neuronkit.diagnostics.Series;
import org.neuronkit.diagnostics.SurfaceFigure;
import org.neuronkit.io.AtomicFiles;

/**
 * Draws figures to PNG files with XChart: line charts of named series and heat maps. Only drawing
 * happens here; the numbers come from the toolkit (e.g. {@code org.neuronkit.diagnostics}). Runs
 * headless: it sets {@code java.awt.headless=true} before AWT is first used.
 */
public final class Charts {
    /** Width and height of every chart, in pixels. */
    public static final int WIDTH = 800;
    public static final int HEIGHT = 520;
    /** Series with at most this many points get markers on their points. */
    private static final int MARKER_LIMIT = 40;
    /** Heat-map colours from low to high (viridis-like), for maps without values in their cells. */
    private static final Color[] HEAT = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)};
    /**
     * Colours from low to high for maps that print a value in each cell (a confusion matrix): white to a
     * mid blue, every one light enough for {@link #VALUE_TEXT} to keep a contrast ratio of at least
     * {@link #MIN_TEXT_CONTRAST}.
     */
    static final Color[] LIGHT_HEAT = {Color.WHITE, new Color(0xc6dbef), new Color(0x9ecae1), new Color(0x6baed6), new Color(0x4292c6)};
    static final Color VALUE_TEXT = Color.BLACK;
    /** WCAG 2's minimum contrast ratio for normal text. */
    static final double MIN_TEXT_CONTRAST = 4.5;
    /**
     * Line colours, one per series in order: the Okabe–Ito colour-blind-safe set without its yellow
     * (too faint on white), then purple, brown, grey, dark red and dark green; {@link #colours} adds more by hue beyond them.
     */
    static final double MIN_COLOUR_DISTANCE = 40;
    private static final Color[] LINES = {new Color(0x0072b2), new Color(0xd55e00), new Color(0x009e73), new Color(0xcc79a7),
        new Color(0xe69f00), new Color(0x56b4e9), Color.BLACK, new Color(0x7f3c8d), new Color(0x8c6d31), new Color(0x808080),
        new Color(0xb2182b), new Color(0x1b7837)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    static {
        ImageIO.setUseCache(false); // encode PNGs in memory: the default cache file in java.io.tmpdir is one more write that can fail
    }

    private Charts() {
    }

    /** A line chart of {@code figure}'s series; on a logarithmic y axis, points with y ≤ 0 are left out. */
    public static void line(LineFigure figure, Path png) {
        line(png, figure.title(), figure.xLabel(), figure.yLabel(), figure.logY(), figure.series());
    }

    /** The same, titled {@code figure.title() — subject} (e.g. the data set and the run). */
    public static void line(LineFigure figure, String subject, Path png) {
        line(png, figure.title() + " — " + subject, figure.xLabel(), figure.yLabel(), figure.logY(), figure.series());
    }

    /** A line chart, one line per series, with a legend; written to {@code png}. */
    public static void line(Path png, String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        List<Series> shownSeries = series.stream().map(s -> logY ? positive(s) : s).toList();
        double[] xRange = range(shownSeries, true);
        double[] yRange = range(shownSeries, false);
        // a log axis spanning less than two decades would otherwise carry a single label; over more, minor labels pile up
        chart.getStyler().setYAxisLogarithmicDecadeOnly(logY && yRange[1] >= 100 * yRange[0]);
        chart.getStyler().setXAxisDecimalPattern("#0.##");
        // round axis ends give round ticks (XChart spaces its ticks from the ends)
        double[] x = niceBounds(xRange[0], xRange[1]);
        if (Double.isFinite(xRange[0])) {
            chart.getStyler().setXAxisMin(x[0]).setXAxisMax(x[1]);
        }
        if (!logY && Double.isFinite(yRange[0])) {
            double[] y = niceBounds(yRange[0], yRange[1]);
            chart.getStyler().setYAxisMin(y[0]).setYAxisMax(y[1]);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        Color[] colours = colours(series.size());
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Series shown = shownSeries.get(i);
            if (shown.x().length == 0) {
                continue;
            }
            XYSeries added = chart.addSeries(s.name(), shown.x(), shown.y());
            added.setLineColor(colours[i]);
            added.setMarkerColor(colours[i]);
            if (shown.x().length > MARKER_LIMIT) {
                added.setMarker(SeriesMarkers.NONE);
            }
        }
        write(chart, png);
    }

    /** A scatter chart of {@code points} (markers only, one colour per series) with {@code line} drawn as a line; written to {@code png}. */
    public static void scatter(Path png, String title, String xLabel, String yLabel, List<Series> points, Series line) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(5);
        for (Series s : points) {
            chart.addSeries(s.name(), s.x(), s.y()).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        }
        chart.addSeries(line.name(), line.x(), line.y()).setMarker(SeriesMarkers.NONE);
        write(chart, png);
    }

    /** A heat map of a loss surface, with about ten axis labels per axis. */
    public static void heatMap(SurfaceFigure figure, Path png) {
        var grid = figure.grid();
        heatMap(png, figure.title(), grid.xLabel(), grid.yLabel(), sparseLabels(grid.x()), sparseLabels(grid.y()), grid.risk(), false);
    }

    /**
     * A heat map: {@code values[j][i]} is drawn at column {@code i} (labelled {@code columns.get(i)})
     * and row {@code j} (labelled {@code rows.get(j)}, bottom to top); {@code showValues} prints each
     * cell's value (for small matrices such as a confusion matrix).
     */
    public static void heatMap(Path png, String title, String xLabel, String yLabel, List<String> columns, List<String> rows,
            double[][] values, boolean showValues) {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setRangeColors(showValues ? LIGHT_HEAT : HEAT).setShowValue(showValues).setValueFontColor(VALUE_TEXT)
                .setHeatMapValueDecimalPattern("0.###");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        if (columns.stream().anyMatch(c -> c.length() > 3)) {
            chart.getStyler().setXAxisLabelRotation(45); // class names such as "T-shirt/top" and "Ankle boot" side by side
        }
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < values.length; j++) {
            for (int i = 0; i < values[j].length; i++) {
                cells.add(new Number[] {i, j, values[j][i]});
                min = Math.min(min, values[j][i]);
                max = Math.max(max, values[j][i]);
            }
        }
        // the colour scale's ends, rounded outwards to two significant digits so the legend reads well
        chart.getStyler().setMin(round(min, Math::floor)).setMax(round(max, Math::ceil));
        chart.addSeries(title, columns, rows, cells);
        write(chart, png);
    }

    /**
     * Labels for evenly spaced values: about ten shown, the rest a single space (XChart cannot measure
     * an empty label) so they do not overlap.
     */
    static List<String> sparseLabels(double[] values) {
        int every = Math.max(1, (values.length - 1) / 10);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            labels.add(i % every == 0 ? String.format(Locale.ROOT, "%.3g", values[i]) : " ");
        }
        return labels;
    }

    /**
     * {@code n} line colours: {@link #LINES} in order, then hues a golden angle apart (about 137.5°) at three
     * brightness levels, each kept only if it lies at least {@link #MIN_COLOUR_DISTANCE} (Euclidean, in RGB)
     * from every colour already chosen (for more than a few hundred series, the rest are taken as they come).
     */
    static Color[] colours(int n) {
        List<Color> chosen = new ArrayList<>(Arrays.asList(LINES).subList(0, Math.min(n, LINES.length)));
        float[] brightness = {0.75f, 0.55f, 0.95f};
        for (int k = 0; chosen.size() < n; k++) {
            Color candidate = Color.getHSBColor((float) ((k * 0.381966) % 1.0), 0.85f, brightness[k % brightness.length]);
            if (k > 10_000 || chosen.stream().allMatch(c -> distance(c, candidate) >= MIN_COLOUR_DISTANCE)) {
                chosen.add(candidate);
            }
        }
        return chosen.toArray(new Color[0]);
    }

    /** The Euclidean distance of two colours' (R, G, B) in 0–255. */
    static double distance(Color a, Color b) {
        return Math.sqrt(Math.pow(a.getRed() - b.getRed(), 2) + Math.pow(a.getGreen() - b.getGreen(), 2) + Math.pow(a.getBlue() - b.getBlue(), 2));
    }

    /**
     * WCAG 2's contrast ratio (L₁ + 0.05) / (L₂ + 0.05) of two colours, L₁ ≥ L₂ their relative luminances
     * L = 0.2126 R + 0.7152 G + 0.0722 B of the linearised sRGB channels; 1 (none) to 21 (black on white).
     */
    static double contrastRatio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(int channel) {
        double v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double round(double value, java.util.function.DoubleUnaryOperator direction) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 1);
        double rounded = direction.applyAsDouble(value / scale) * scale;
        return Double.parseDouble(String.format(Locale.ROOT, "%.2g", rounded));
    }

    /**
     * Round ends for an axis over [min, max]: a multiple of the step 1, 2 or 5 × 10ᵏ that splits the
     * range into at most about six parts, below min and above max (−2.56, 5.22 → −4, 6).
     */
    static double[] niceBounds(double min, double max) {
        if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            return new double[] {min - 1, max + 1};
        }
        double rough = (max - min) / 6;
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double step = magnitude * (rough <= magnitude ? 1 : rough <= 2 * magnitude ? 2 : rough <= 5 * magnitude ? 5 : 10);
        return new double[] {Math.floor(min / step) * step, Math.ceil(max / step) * step};
    }

    /** The smallest and largest x (or y) over every point of {@code series}. */
    private static double[] range(List<Series> series, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {min, max};
    }

    private static Series positive(Series s) {
        int n = 0;
        for (double y : s.y()) {
            if (y > 0) {
                n++;
            }
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0, k = 0; i < s.y().length; i++) {
            if (s.y()[i] > 0) {
                x[k] = s.x()[i];
                y[k++] = s.y()[i];
            }
        }
        return new Series(s.name(), x, y);
    }

    /** Draws the chart in memory, then writes it atomically ({@link AtomicFiles}): no empty or truncated PNG is ever left. */
    private static void write(Chart<?, ?> chart, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("file " + png + ": cannot write the chart: " + e, e);
        }
    }
}
