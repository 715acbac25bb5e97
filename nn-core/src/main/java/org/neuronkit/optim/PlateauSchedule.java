package org.neuronkit.optim;

import java.util.Locale;
import java.util.Optional;
import org.neuronkit.ConfigurationException;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Metric;

/**
 * Reduce the rate on a plateau (PyTorch's {@code ReduceLROnPlateau}, Keras' callback of that name):
 * after each epoch the {@code monitor}ed metric is compared with the best so far; an epoch that does not
 * beat it counts as bad, and after more than {@code patience} bad epochs in a row the rate is multiplied
 * by {@code factor} (down to {@code minLr}), the count restarts, and the next {@code cooldown} epochs
 * count no bad epochs. The rate of every epoch after n reductions:
 * <pre>α = max(α₀ · factorⁿ, min(minLr, α₀))</pre>
 * An epoch beats the best b (the direction is the metric's: {@link Metric#higherIsBetter()}) when, with
 * threshold θ, in {@code rel} mode a &lt; b (1 − θ) (min) or a &gt; b (1 + θ) (max), in {@code abs} mode
 * a &lt; b − θ or a &gt; b + θ; the first epoch always does, and a NaN never does.
 *
 * <p>Unlike the other schedules the rate depends on the epochs' results, not on the epoch alone: the
 * trainer hands each {@link EpochResult} to the optimizer's {@link RateSchedule#afterEpoch}, which
 * returns the schedule with its {@link Progress} advanced (a new record; this one is plain data, so a
 * checkpoint stores the progress with the schedule and a resumed run continues with the reduced rate and
 * the counters). The rate of an epoch is decided on the host before it starts, so a device or Spark
 * takes it as it takes any schedule's.
 *
 * @param monitor the metric watched ({@code validation-loss} by default)
 * @param factor 0 &lt; factor &lt; 1
 * @param patience bad epochs tolerated before a reduction, ≥ 0
 * @param threshold θ ≥ 0, the least improvement that counts
 * @param thresholdMode {@code rel} or {@code abs}
 * @param cooldown epochs after a reduction in which bad epochs are not counted, ≥ 0
 * @param minLr the floor of the rate, ≥ 0
 * @param progress what the epochs so far left: {@link Progress#START} in a new run
 */
public record PlateauSchedule(Metric monitor, double factor, int patience, double threshold, String thresholdMode, int cooldown,
        double minLr, Progress progress) implements LearningRateSchedule {

    /**
     * The schedule's state after {@code epochs} observed epochs.
     *
     * @param epochs epochs observed
     * @param best the best value of the metric so far (meaningless while {@code epochs} is 0)
     * @param badEpochs epochs in a row that did not beat it (PyTorch's {@code num_bad_epochs})
     * @param cooldownLeft epochs of cooldown left ({@code cooldown_counter})
     * @param reductions how many times the rate was reduced: n in α₀ · factorⁿ
     */
    public record Progress(int epochs, double best, int badEpochs, int cooldownLeft, int reductions) {
        /** Before the first epoch. */
        public static final Progress START = new Progress(0, 0, 0, 0, 0);

        public Progress {
            if (epochs < 0 || badEpochs < 0 || cooldownLeft < 0 || reductions < 0) {
                throw new ConfigurationException("a plateau schedule's progress has counts ≥ 0, got " + epochs + " epochs, " + badEpochs
                        + " bad epochs, " + cooldownLeft + " cooldown epochs, " + reductions + " reductions");
            }
        }
    }

    public PlateauSchedule {
        if (monitor == null) {
            throw new ConfigurationException("the plateau schedule needs a metric to monitor");
        }
        if (!(factor > 0 && factor < 1)) {
            throw new ConfigurationException("the plateau schedule's factor must be in (0, 1), got " + factor);
        }
        if (patience < 0 || cooldown < 0) {
            throw new ConfigurationException("the plateau schedule's patience and cooldown must be ≥ 0 epochs, got " + patience + " and "
                    + cooldown);
        }
        if (!(threshold >= 0) || Double.isInfinite(threshold) || !(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new ConfigurationException("the plateau schedule's threshold and min_lr must be finite numbers ≥ 0, got " + threshold
                    + " and " + minLr);
        }
        thresholdMode = thresholdMode == null ? "" : thresholdMode.trim().toLowerCase(Locale.ROOT);
        if (!thresholdMode.equals("rel") && !thresholdMode.equals("abs")) {
            throw new ConfigurationException("the plateau schedule's threshold_mode is rel or abs, got '" + thresholdMode + "'");
        }
        progress = progress == null ? Progress.START : progress;
    }

    /** PyTorch's defaults but a factor of ½ and a patience of 3 epochs: rel threshold 1e-4, no cooldown, no floor. */
    public static PlateauSchedule defaults() {
        return new PlateauSchedule(Metric.VALIDATION_LOSS, 0.5, 3, 1e-4, "rel", 0, 0, Progress.START);
    }

    /** α₀ · factorⁿ after n reductions, not below min(minLr, α₀); the epoch and the run's length do not matter. */
    @Override
    public double rate(double base, int epoch, int epochs) {
        return Math.max(base * Math.pow(factor, progress.reductions()), Math.min(minLr, base));
    }

    /** This schedule after one more epoch, whose {@code monitor} value is read from {@code result}. */
    @Override
    public PlateauSchedule afterEpoch(EpochResult result) {
        return withProgress(next(monitor.of(result)));
    }

    /** The progress after an epoch whose metric is {@code value}: PyTorch's {@code ReduceLROnPlateau.step}. */
    Progress next(double value) {
        boolean better = progress.epochs() == 0 ? !Double.isNaN(value) : beats(value, progress.best());
        double best = better ? value : progress.best();
        int bad = better ? 0 : progress.badEpochs() + 1;
        int cooldownLeft = progress.cooldownLeft();
        if (cooldownLeft > 0) {
            cooldownLeft--;
            bad = 0;
        }
        int reductions = progress.reductions();
        if (bad > patience) {
            reductions++;
            cooldownLeft = cooldown;
            bad = 0;
        }
        return new Progress(progress.epochs() + 1, best, bad, cooldownLeft, reductions);
    }

    private boolean beats(double value, double best) {
        boolean rel = thresholdMode.equals("rel");
        if (monitor.higherIsBetter()) {
            return value > (rel ? best * (1 + threshold) : best + threshold);
        }
        return value < (rel ? best * (1 - threshold) : best - threshold);
    }

    /** The same settings with {@code progress}. */
    public PlateauSchedule withProgress(Progress progress) {
        return new PlateauSchedule(monitor, factor, patience, threshold, thresholdMode, cooldown, minLr, progress);
    }

    @Override
    public Optional<Metric> monitors() {
        return Optional.of(monitor);
    }

    @Override
    public String spec() {
        return "plateau(monitor=" + monitor.metricName() + ",factor=" + factor + ",patience=" + patience + ",threshold=" + threshold
                + ",threshold_mode=" + thresholdMode + ",cooldown=" + cooldown + ",min_lr=" + minLr + ")";
    }

    /** The spec string, {@link #spec()} (the progress is not part of it). */
    @Override
    public String toString() {
        return spec();
    }
}
