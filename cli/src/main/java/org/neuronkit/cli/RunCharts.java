package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.neuronkit.cli.chart.Charts;
import org.neuronkit.diagnostics.Series;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.train.EpochResult;

/**
 * The charts of a run folder, drawn by {@link Charts}: {@code loss.png} and {@code accuracy.png}
 * (training and validation curves per epoch) and {@code confusion.png} (the test set's confusion
 * matrix: rows the actual class, top to bottom, columns the predicted one).
 */
final class RunCharts {
    static final String LOSS = "loss.png";
    static final String ACCURACY = "accuracy.png";
    static final String CONFUSION = "confusion.png";

    private RunCharts() {
    }

    static void write(RunFolder run, List<EpochResult> epochs, ConfusionMatrix confusion) {
        Charts.line(run.file(LOSS), "Loss", "epoch", "loss", false,
                curves(epochs, EpochResult::trainLoss, EpochResult::validationLoss));
        Charts.line(run.file(ACCURACY), "Accuracy", "epoch", "accuracy", false,
                curves(epochs, EpochResult::trainAccuracy, EpochResult::validationAccuracy));
        int c = confusion.numClasses();
        List<String> columns = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        double[][] counts = new double[c][c];
        for (int i = 0; i < c; i++) {
            columns.add(Integer.toString(i));
            rows.add(Integer.toString(c - 1 - i));
            for (int predicted = 0; predicted < c; predicted++) {
                counts[i][predicted] = confusion.count(c - 1 - i, predicted);
            }
        }
        Charts.heatMap(run.file(CONFUSION), "Confusion matrix (test set)", "predicted class", "actual class", columns, rows, counts, true);
    }

    /** The training curve and, if the run had a validation set, the validation curve. */
    private static List<Series> curves(List<EpochResult> epochs, ToDoubleFunction<EpochResult> train, ToDoubleFunction<EpochResult> validation) {
        double[] x = epochs.stream().mapToDouble(EpochResult::epoch).toArray();
        List<Series> series = new ArrayList<>(List.of(new Series("training", x, epochs.stream().mapToDouble(train).toArray())));
        double[] v = epochs.stream().mapToDouble(validation).toArray();
        if (java.util.Arrays.stream(v).noneMatch(Double::isNaN)) {
            series.add(new Series("validation", x, v));
        }
        return series;
    }
}
