package org.neuronkit.cli;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress within each epoch: batches done (of the epoch's), the epoch's mean loss so far, samples
 * per second and the time left. Add it before listeners that print at the end of an epoch, so that
 * the bar is gone first. On a terminal a progress bar on standard error (me.tongfei progressbar, which estimates
 * the time left); otherwise an INFO log line at most every {@link #LOG_INTERVAL}.
 */
abstract class ProgressReporter implements TrainingListener {
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    private TrainingPlan plan;
    private double lossSum;
    private long samples;
    private long epochStart;

    /** A bar when the output is a terminal ({@link System#console()} is not null), log lines otherwise. */
    static TrainingListener forConsole() {
        return System.console() != null ? new Bar() : new Log(LOG_INTERVAL);
    }

    /** Log lines at most every {@code interval}. */
    static TrainingListener log(Duration interval) {
        return new Log(interval);
    }

    @Override
    public void onStart(TrainingPlan plan) {
        this.plan = plan;
    }

    @Override
    public void onStep(int epoch, int step, double batchRisk, int batchSize) {
        if (step == 1) {
            lossSum = 0;
            samples = 0;
            epochStart = System.nanoTime();
            startEpoch(epoch, plan);
        }
        lossSum += batchRisk * batchSize;
        samples += batchSize;
        double seconds = (System.nanoTime() - epochStart) / 1e9;
        progress(epoch, step, plan.batchesPerEpoch(), lossSum / samples, seconds > 0 ? samples / seconds : 0, seconds);
    }

    abstract void startEpoch(int epoch, TrainingPlan plan);

    abstract void progress(int epoch, int step, int steps, double loss, double samplesPerSecond, double seconds);

    /** The bar of the current epoch, closed when the epoch ends. */
    private static final class Bar extends ProgressReporter {
        private ProgressBar bar;

        @Override
        void startEpoch(int epoch, TrainingPlan plan) {
            bar = new ProgressBarBuilder().setTaskName(String.format("epoch %d/%d", epoch, plan.lastEpoch()))
                    .setInitialMax(plan.batchesPerEpoch()).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250).clearDisplayOnFinish().build();
        }

        @Override
        void progress(int epoch, int step, int steps, double loss, double samplesPerSecond, double seconds) {
            bar.stepTo(step);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %,.0f samples/s", loss, samplesPerSecond));
        }

        @Override
        public void onEpoch(EpochResult result) {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    /** A log line at most every {@code interval} of an epoch (not after its last batch: the epoch line follows). */
    private static final class Log extends ProgressReporter {
        private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);
        private final double interval;
        private double lastLogged;

        Log(Duration interval) {
            this.interval = interval.toNanos() / 1e9;
        }

        @Override
        void startEpoch(int epoch, TrainingPlan plan) {
            lastLogged = 0;
        }

        @Override
        void progress(int epoch, int step, int steps, double loss, double samplesPerSecond, double seconds) {
            if (seconds - lastLogged >= interval && step < steps) {
                lastLogged = seconds;
                LOG.info(String.format(Locale.ROOT, "epoch %d: %d/%d batches, loss %.4f, %,.0f samples/s, %.0f s left in the epoch",
                        epoch, step, steps, loss, samplesPerSecond, seconds / step * (steps - step)));
            }
        }
    }
}
