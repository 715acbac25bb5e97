package org.neuronkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuronkit.DataException;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Evaluation;

/**
 * {@code metrics.csv} of a run folder: a header and one row per epoch (epoch, training loss and
 * accuracy, validation loss and accuracy, learning rate, seconds, samples per second, then the validation
 * set's macro-F1, RMSE, MAE and R², NaN where they do not apply), rewritten whole and atomically after
 * each epoch; read back when a run is resumed, and by the dashboard ({@code org.neuronkit.cli.ui}),
 * which watches the file while the run writes it.
 */
public final class MetricsCsv {
    public static final String FILE = "metrics.csv";
    public static final String HEADER = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds,samples_per_second,"
            + "validation_f1,validation_rmse,validation_mae,validation_r2";

    private MetricsCsv() {
    }

    static void write(RunFolder run, List<EpochResult> epochs) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (EpochResult r : epochs) {
            Evaluation v = validation(r);
            text.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%.3f,%.1f,%s,%s,%s,%s%n", r.epoch(), r.trainLoss(), r.trainAccuracy(),
                    r.validationLoss(), r.validationAccuracy(), r.learningRate(), r.seconds(), r.samplesPerSecond(), v.macroF1(), v.rmse(),
                    v.mae(), v.r2()));
        }
        run.writeText(FILE, text.toString());
    }

    /** The epoch's validation results; NaN throughout for a run without a validation split. */
    private static Evaluation validation(EpochResult r) {
        return r.validation() == null ? new Evaluation(Double.NaN, Double.NaN) : r.validation();
    }

    /** Every row of the file (none if there is no file yet). */
    public static List<EpochResult> read(Path file) {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * One row as the header's column names and their values, in the header's order; a value the run did
     * not measure (a validation loss without a validation split) is NaN.
     */
    public static Map<String, Double> columns(EpochResult r) {
        Evaluation v = validation(r);
        double[] values = {r.epoch(), r.trainLoss(), r.trainAccuracy(), r.validationLoss(), r.validationAccuracy(), r.learningRate(),
            r.seconds(), r.samplesPerSecond(), v.macroF1(), v.rmse(), v.mae(), v.r2()};
        String[] names = HEADER.split(",");
        Map<String, Double> row = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            row.put(names[i], values[i]);
        }
        return row;
    }

    /** The rows of epochs 1 .. {@code lastEpoch} (a run resumed from a checkpoint redoes the later ones). */
    static List<EpochResult> read(Path file, int lastEpoch) {
        List<EpochResult> epochs = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return epochs;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",");
                try {
                    double validationLoss = Double.parseDouble(c[3]);
                    double validationAccuracy = Double.parseDouble(c[4]);
                    // rows of runs made before the last four columns have the loss and accuracy only
                    Evaluation validation = Double.isNaN(validationLoss) ? null : c.length < 12 ? new Evaluation(validationLoss, validationAccuracy)
                            : new Evaluation(validationLoss, validationAccuracy, Double.parseDouble(c[8]), Double.parseDouble(c[9]),
                                    Double.parseDouble(c[10]), Double.parseDouble(c[11]));
                    EpochResult r = new EpochResult(Integer.parseInt(c[0]), Double.parseDouble(c[1]), Double.parseDouble(c[2]),
                            validationLoss, validationAccuracy, Double.parseDouble(c[5]), Double.parseDouble(c[6]),
                            Double.parseDouble(c[7]), 0, validation);
                    if (r.epoch() <= lastEpoch) {
                        epochs.add(r);
                    }
                } catch (RuntimeException e) {
                    throw new DataException("file " + file + ", line " + (i + 1) + ": not a metrics row: " + lines.get(i));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return epochs;
    }
}
