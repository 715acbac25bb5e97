package org.neuronkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.cli.chart.Charts;
import org.neuronkit.diagnostics.Series;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.train.EpochResult;

/**
 * The charts of a run folder, drawn by {@link Charts}: {@code loss.png} and {@code accuracy.png}
 * (training and validation curves per epoch) and {@code confusion.png} (the test set's confusion
 * matrix: rows the actual class, top to bottom, columns the predicted one); for a regression
 * {@code loss.png} and {@code predicted-vs-true.png} (each test sample's prediction against its
 * target, one series per target column, with the diagonal ŷ = y); for both {@code learning-rate.png}, the rate
 * of each epoch on a logarithmic axis (a schedule's curve, e.g. a plateau's reductions).
 */
final class RunCharts {
    static final String LOSS = "loss.png";
    static final String ACCURACY = "accuracy.png";
    static final String CONFUSION = "confusion.png";
    static final String PREDICTED = "predicted-vs-true.png";
    static final String LEARNING_RATE = "learning-rate.png";

    private RunCharts() {
    }

    /**
     * Writes the three charts; their titles name {@code subject} (see {@link #subject}). The confusion
     * matrix's axes carry the class names.
     */
    static void write(RunFolder run, String subject, List<EpochResult> epochs, ConfusionMatrix confusion, List<String> classNames) {
        Charts.line(run.file(LOSS), "Loss — " + subject, "epoch", "loss", false,
                curves(epochs, EpochResult::trainLoss, EpochResult::validationLoss));
        Charts.line(run.file(ACCURACY), "Accuracy — " + subject, "epoch", "accuracy", false,
                curves(epochs, EpochResult::trainAccuracy, EpochResult::validationAccuracy));
        learningRate(run, subject, epochs);
        int c = confusion.numClasses();
        List<String> columns = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        double[][] counts = new double[c][c];
        for (int i = 0; i < c; i++) {
            columns.add(classNames.get(i));
            rows.add(classNames.get(c - 1 - i));
            for (int predicted = 0; predicted < c; predicted++) {
                counts[i][predicted] = confusion.count(c - 1 - i, predicted);
            }
        }
        Charts.heatMap(run.file(CONFUSION), "Confusion matrix, test set — " + subject, "predicted class", "actual class", columns, rows,
                counts, true);
    }

    /** What a run's chart titles name: {@code fashion-mnist, run 2026-11-28T10-15-02} (a csv: data set by its file name). */
    static String subject(String dataset, Path runFolder) {
        String data = dataset.startsWith("csv:") ? Path.of(dataset.substring(4)).getFileName().toString() : dataset;
        return data + ", run " + runFolder.toAbsolutePath().normalize().getFileName();
    }

    /**
     * The charts of a regression run, titled like {@link #write}'s: the loss curves and the test set's
     * predictions against the true values ({@code predicted} and {@code truth}: N × K, {@code targetNames} K names).
     */
    static void writeRegression(RunFolder run, String subject, List<EpochResult> epochs, INDArray predicted, INDArray truth,
            List<String> targetNames) {
        Charts.line(run.file(LOSS), "Loss — " + subject, "epoch", "loss", false,
                curves(epochs, EpochResult::trainLoss, EpochResult::validationLoss));
        learningRate(run, subject, epochs);
        List<Series> points = new ArrayList<>();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < truth.columns(); k++) {
            double[] y = truth.getColumn(k).toDoubleVector();
            double[] yHat = predicted.getColumn(k).toDoubleVector();
            points.add(new Series(targetNames.get(k), y, yHat));
            for (int i = 0; i < y.length; i++) {
                low = Math.min(low, Math.min(y[i], yHat[i]));
                high = Math.max(high, Math.max(y[i], yHat[i]));
            }
        }
        Charts.scatter(run.file(PREDICTED), "Predicted vs true, test set — " + subject, "true value", "predicted value", points,
                new Series("ŷ = y", new double[] {low, high}, new double[] {low, high}));
    }

    /** The rate of each epoch (the rate of its last step, for a per-step schedule), on a logarithmic axis. */
    private static void learningRate(RunFolder run, String subject, List<EpochResult> epochs) {
        Charts.line(run.file(LEARNING_RATE), "Learning rate — " + subject, "epoch", "learning rate", true,
                List.of(new Series("α", epochs.stream().mapToDouble(EpochResult::epoch).toArray(),
                        epochs.stream().mapToDouble(EpochResult::learningRate).toArray())));
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
