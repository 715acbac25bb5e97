package org.neuronkit.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.train.EpochResult;

/**
 * The charts of a run folder, drawn with XChart: {@code loss.png} and {@code accuracy.png} (training
 * and validation curves per epoch) and {@code confusion.png} (the test set's confusion matrix, rows
 * the actual class, columns the predicted one). Headless.
 */
final class RunCharts {
    static final String LOSS = "loss.png";
    static final String ACCURACY = "accuracy.png";
    static final String CONFUSION = "confusion.png";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 520;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private RunCharts() {
    }

    static void write(RunFolder run, List<EpochResult> epochs, ConfusionMatrix confusion) {
        curves(run.file(LOSS), "Loss", "loss", epochs, EpochResult::trainLoss, EpochResult::validationLoss);
        curves(run.file(ACCURACY), "Accuracy", "accuracy", epochs, EpochResult::trainAccuracy, EpochResult::validationAccuracy);
        confusion(run.file(CONFUSION), confusion);
    }

    private static void curves(Path png, String title, String yLabel, List<EpochResult> epochs,
            java.util.function.ToDoubleFunction<EpochResult> train, java.util.function.ToDoubleFunction<EpochResult> validation) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch").yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisDecimalPattern("#0");
        double[] x = epochs.stream().mapToDouble(EpochResult::epoch).toArray();
        chart.addSeries("training", x, epochs.stream().mapToDouble(train).toArray());
        double[] v = epochs.stream().mapToDouble(validation).toArray();
        if (java.util.Arrays.stream(v).noneMatch(Double::isNaN)) {
            chart.addSeries("validation", x, v);
        }
        save(chart, png);
    }

    private static void confusion(Path png, ConfusionMatrix confusion) {
        int c = confusion.numClasses();
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title("Confusion matrix (test set)")
                .xAxisTitle("predicted class").yAxisTitle("actual class").build();
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("0")
                .setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)})
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Integer> classes = new ArrayList<>();
        List<Number[]> cells = new ArrayList<>();
        for (int actual = 0; actual < c; actual++) {
            classes.add(actual);
            for (int predicted = 0; predicted < c; predicted++) {
                // rows are drawn bottom to top: actual class 0 goes on the top row
                cells.add(new Number[] {predicted, c - 1 - actual, confusion.count(actual, predicted)});
            }
        }
        List<Integer> rows = new ArrayList<>(classes);
        java.util.Collections.reverse(rows);
        chart.addSeries("count", classes, rows, cells);
        save(chart, png);
    }

    private static void save(Chart<?, ?> chart, Path png) {
        Path temporary = png.resolveSibling(png.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            Files.move(temporary, png, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the chart " + png, e);
        }
    }
}
