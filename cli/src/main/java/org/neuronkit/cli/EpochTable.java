package org.neuronkit.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;

/**
 * {@code train}'s table on standard output: a header before the first epoch, then one row per epoch
 * (training loss and accuracy, validation loss and accuracy when there is a validation set, learning
 * rate, seconds, samples per second), each row starting with {@code epoch E/N}. A row fits in
 * {@link #WIDTH} columns up to 9,999 epochs and 99,999 s per epoch.
 */
final class EpochTable implements TrainingListener {
    static final int WIDTH = 80;
    private final PrintWriter out;
    private final boolean validation;
    private int lastEpoch;

    EpochTable(PrintWriter out, boolean validation) {
        this.out = out;
        this.validation = validation;
    }

    @Override
    public void onStart(TrainingPlan plan) {
        lastEpoch = plan.lastEpoch();
        out.println(header(lastEpoch));
        out.flush();
    }

    @Override
    public void onEpoch(EpochResult result) {
        out.println(row(result, Math.max(lastEpoch, result.epoch())));
        out.flush();
    }

    String header(int lastEpoch) {
        String epoch = " ".repeat(epochColumn(lastEpoch).length());
        return String.format(Locale.ROOT, "%s %7s %6s%s %8s %8s %10s", epoch, "loss", "acc",
                validation ? String.format(Locale.ROOT, " %8s %7s", "val loss", "val acc") : "", "lr", "seconds", "samples/s").stripTrailing();
    }

    /** An accuracy to four places, or {@code -} for a regression run's (NaN). */
    private static String accuracy(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    String row(EpochResult r, int lastEpoch) {
        String epoch = String.format(Locale.ROOT, "epoch %" + digits(lastEpoch) + "d/%d", r.epoch(), lastEpoch);
        return String.format(Locale.ROOT, "%s %7.4f %6s%s %8.1e %8.1f %,10.0f", epoch, r.trainLoss(), accuracy(r.trainAccuracy()),
                validation ? String.format(Locale.ROOT, " %8.4f %7s", r.validationLoss(), accuracy(r.validationAccuracy())) : "",
                r.learningRate(), r.seconds(), r.samplesPerSecond())
                + (r.skippedBatches() == 0 ? "" : "  non-finite batches skipped: " + r.skippedBatches());
    }

    private static String epochColumn(int lastEpoch) {
        return String.format(Locale.ROOT, "epoch %d/%d", lastEpoch, lastEpoch);
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
