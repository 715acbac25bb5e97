package org.neuronkit.optim;

import java.util.Optional;
import org.neuronkit.ConfigurationException;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Metric;

/**
 * Linear warm-up in front of another schedule, over the first W units (epochs, or steps for a
 * per-step schedule) of T: α_t = α₀ · t / W for t ≤ W, then the wrapped schedule started afresh,
 * α_t = inner(α₀, t − W, T − W). So the rate climbs α₀/W, 2α₀/W, …, α₀ and the wrapped schedule runs
 * its whole course over the remaining T − W units (a cosine still ends near 0 at T).
 *
 * @param units W &gt; 0
 * @param inner the schedule after the warm-up
 */
public record WarmupSchedule(int units, LearningRateSchedule inner) implements LearningRateSchedule {
    public WarmupSchedule {
        if (units <= 0) {
            throw new ConfigurationException("the warm-up must last a positive number of epochs or steps, got " + units);
        }
        if (inner == null) {
            throw new ConfigurationException("a warm-up needs the schedule that follows it");
        }
    }

    @Override
    public double rate(double base, int t, int total) {
        return rate(units, inner, base, t, total);
    }

    /** α_t after a warm-up of {@code units} in front of {@code inner}, without making the record (for per-step use). */
    static double rate(int units, LearningRateSchedule inner, double base, int t, int total) {
        if (total <= units) {
            throw new ConfigurationException("a warm-up of " + units + " must be shorter than the run (" + total + ")");
        }
        return t <= units ? base * t / units : inner.rate(base, t - units, total - units);
    }

    /** The wrapped schedule advanced (a plateau counts the warm-up's epochs too). */
    @Override
    public WarmupSchedule afterEpoch(EpochResult result) {
        LearningRateSchedule next = inner.afterEpoch(result);
        return next == inner ? this : new WarmupSchedule(units, next);
    }

    @Override
    public Optional<Metric> monitors() {
        return inner.monitors();
    }

    @Override
    public String spec() {
        return "warmup(" + units + "," + inner.spec() + ")";
    }

    /** The spec string, {@link #spec()}. */
    @Override
    public String toString() {
        return spec();
    }
}
