package org.neuronkit.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress within the run: the epoch, batches done of the epoch's, the epoch's mean loss so far, samples
 * per second, the time elapsed since the run started and the time left until its last epoch ends
 * ({@link Progress}). On a terminal a one-line bar on standard error, redrawn at most every
 * {@link #REDRAW_INTERVAL} and cleared at the end of each epoch; otherwise a log line (logger
 * {@link #CONSOLE}, printed without a prefix) at most every {@link #LOG_INTERVAL}. Add it before
 * listeners that print at the end of an epoch, so that the bar is gone first.
 */
abstract class ProgressReporter implements TrainingListener {
    /** The logger of the command line's own console messages (logback.xml prints them bare, on standard error). */
    static final String CONSOLE = "org.neuronkit.cli.console";
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    static final Duration REDRAW_INTERVAL = Duration.ofMillis(250);
    private final LongSupplier nanoClock;
    private TrainingPlan plan;
    private long runStart;
    private long epochStart;
    private double lossSum;
    private long samples;

    ProgressReporter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** A bar when the output is a terminal ({@link System#console()} is not null), log lines otherwise. */
    static TrainingListener forConsole() {
        return System.console() != null ? new Bar(System.err, terminalWidth(), System::nanoTime)
                : new Log(LOG_INTERVAL, System::nanoTime);
    }

    /** Log lines at most every {@code interval}, timed by {@code nanoClock} (e.g. {@link System#nanoTime}). */
    static TrainingListener log(Duration interval, LongSupplier nanoClock) {
        return new Log(interval, nanoClock);
    }

    /** A bar of {@code width} columns on {@code out}, timed by {@code nanoClock}. */
    static TrainingListener bar(PrintStream out, int width, LongSupplier nanoClock) {
        return new Bar(out, width, nanoClock);
    }

    /** {@code $COLUMNS} when the shell exports it, else 80. */
    static int terminalWidth() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim()));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    @Override
    public void onStart(TrainingPlan plan) {
        this.plan = plan;
        runStart = nanoClock.getAsLong();
        epochStart = runStart;
    }

    /** Ends the epoch's display; the next epoch's time starts now (after this epoch's validation). */
    @Override
    public final void onEpoch(EpochResult result) {
        endEpoch();
        epochStart = nanoClock.getAsLong();
    }

    void endEpoch() {
    }

    @Override
    public void onStep(int epoch, int step, double batchRisk, int batchSize) {
        long now = nanoClock.getAsLong();
        if (step == 1) {
            lossSum = 0;
            samples = 0;
        }
        lossSum += batchRisk * batchSize;
        samples += batchSize;
        int steps = plan.batchesPerEpoch();
        long done = (long) (epoch - plan.firstEpoch()) * steps + step;
        long total = (long) (plan.lastEpoch() - plan.firstEpoch() + 1) * steps;
        double elapsed = (now - runStart) / 1e9;
        double epochSeconds = (now - epochStart) / 1e9;
        progress(new Progress(epoch, plan.lastEpoch(), step, steps, lossSum / samples, epochSeconds > 0 ? samples / epochSeconds : 0,
                elapsed, elapsed / done * (total - done)), now);
    }

    abstract void progress(Progress progress, long now);

    /** The clock reading when the run started. */
    long runStart() {
        return runStart;
    }

    /** The bar, redrawn in place with a carriage return. */
    private static final class Bar extends ProgressReporter {
        private final PrintStream out;
        private final int width;
        private final long redrawNanos = REDRAW_INTERVAL.toNanos();
        private long lastDrawn = Long.MIN_VALUE;
        private boolean shown;

        Bar(PrintStream out, int width, LongSupplier nanoClock) {
            super(nanoClock);
            this.out = out;
            this.width = width;
        }

        @Override
        void progress(Progress progress, long now) {
            if (lastDrawn != Long.MIN_VALUE && now - lastDrawn < redrawNanos && progress.step() < progress.steps()) {
                return;
            }
            lastDrawn = now;
            out.print("\r" + progress.bar(width - 1));
            out.flush();
            shown = true;
        }

        @Override
        void endEpoch() {
            if (shown) {
                out.print("\r" + " ".repeat(width - 1) + "\r");
                out.flush();
                shown = false;
            }
        }
    }

    /** A log line at most every {@code interval} (not after an epoch's last batch: the epoch's row follows). */
    private static final class Log extends ProgressReporter {
        private static final Logger LOG = LoggerFactory.getLogger(CONSOLE);
        private final long interval;
        private long lastLogged;

        Log(Duration interval, LongSupplier nanoClock) {
            super(nanoClock);
            this.interval = interval.toNanos();
        }

        @Override
        public void onStart(TrainingPlan plan) {
            super.onStart(plan);
            lastLogged = runStart();
        }

        @Override
        void progress(Progress progress, long now) {
            if (now - lastLogged >= interval && progress.step() < progress.steps()) {
                lastLogged = now;
                LOG.info(progress.logLine());
            }
        }
    }
}
