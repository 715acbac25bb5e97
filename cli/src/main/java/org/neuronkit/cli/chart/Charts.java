package org.neuronkit.cli.chart;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /** Heat-map colours from low to high (viridis-like). */
    private static final Color[] HEAT = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c), new Color(0x5ec962), new Color(0xfde725)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** A line chart of {@code figure}'s series; on a logarithmic y axis, points with y ≤ 0 are left out. */
    public static void line(LineFigure figure, Path png) {
        line(png, figure.title(), figure.xLabel(), figure.yLabel(), figure.logY(), figure.series());
    }

    /** A line chart, one line per series, with a legend; written to {@code png}. */
    public static void line(Path png, String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setXAxisDecimalPattern("#0.##");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Series s : series) {
            Series shown = logY ? positive(s) : s;
            if (shown.x().length == 0) {
                continue;
            }
            XYSeries added = chart.addSeries(s.name(), shown.x(), shown.y());
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
        chart.getStyler().setRangeColors(HEAT).setShowValue(showValues).setHeatMapValueDecimalPattern("0.###");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
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

    private static double round(double value, java.util.function.DoubleUnaryOperator direction) {
        if (value == 0 || !Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - 1);
        double rounded = direction.applyAsDouble(value / scale) * scale;
        return Double.parseDouble(String.format(Locale.ROOT, "%.2g", rounded));
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

    private static void write(Chart<?, ?> chart, Path png) {
        try {
            Path parent = png.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // drawn in memory first, so a chart that fails to draw leaves no empty file behind
            Files.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("writing the chart " + png, e);
        }
    }
}
