package org.neuronkit.cli;

import java.util.Locale;

/**
 * Where a training run stands after a step: {@code step} of {@code steps} batches of epoch
 * {@code epoch} of {@code lastEpoch}, the epoch's sample-weighted mean loss so far, its samples per
 * second, the seconds since the run started, and the seconds left. The time left assumes the steps
 * still to come take as long as the mean step so far: elapsed / stepsDone × stepsLeft, counted over
 * every epoch of the run (validation included, as it is part of the elapsed time).
 */
record Progress(int epoch, int lastEpoch, int step, int steps, double loss, double samplesPerSecond, double elapsedSeconds,
        double remainingSeconds) {
    /** The bar never gets narrower than this; the samples per second are left out first to keep it. */
    static final int MIN_BAR = 10;

    /** The line for the log: {@code epoch 2/5: 120/450 batches (27 %), loss 0.4123, 9,870 samples/s, elapsed 0:12, left 1:03}. */
    String logLine() {
        return String.format(Locale.ROOT, "epoch %d/%d: %d/%d batches (%d %%), loss %.4f, %,.0f samples/s, elapsed %s, left %s", epoch,
                lastEpoch, step, steps, percent(), loss, samplesPerSecond, clock(elapsedSeconds), clock(remainingSeconds));
    }

    /**
     * The bar in at most {@code width} columns:
     * {@code epoch 2/5 [=====>        ]  27% loss 0.4123 · 9,870 samples/s · elapsed 0:12 · left 1:03}; when
     * the bar would be narrower than {@link #MIN_BAR}, the samples per second, then the loss, are left out.
     */
    String bar(int width) {
        String head = String.format(Locale.ROOT, "epoch %d/%d ", epoch, lastEpoch);
        String percent = String.format(Locale.ROOT, " %3d%%", percent());
        String times = String.format(Locale.ROOT, " · elapsed %s · left %s", clock(elapsedSeconds), clock(remainingSeconds));
        String lossText = String.format(Locale.ROOT, " loss %.4f", loss);
        String speed = String.format(Locale.ROOT, " · %,.0f samples/s", samplesPerSecond);
        String[] tails = {percent + lossText + speed + times, percent + lossText + times, percent + times};
        for (String tail : tails) {
            int barWidth = width - head.length() - tail.length() - 2;
            if (barWidth >= MIN_BAR || tail.equals(tails[tails.length - 1])) {
                return head + "[" + filled(Math.max(barWidth, MIN_BAR)) + "]" + tail;
            }
        }
        throw new AssertionError("unreachable");
    }

    private int percent() {
        return (int) Math.floor(100.0 * step / steps);
    }

    private String filled(int barWidth) {
        int done = (int) ((long) barWidth * step / steps);
        return "=".repeat(done) + (done < barWidth ? ">" + " ".repeat(barWidth - done - 1) : "");
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on; {@code ?} before there is an estimate. */
    static String clock(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
