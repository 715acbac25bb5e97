package org.neuronkit.optim;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Metric;

/**
 * The learning rate of each epoch as a function of the base rate α₀, the epoch e (counted from 1)
 * and the number of epochs E. The trainer sets it on the optimizer before each epoch. A schedule that
 * depends on the epochs' results ({@link PlateauSchedule}) also says what it {@link #monitors} and
 * takes each epoch's result through {@link #afterEpoch}, which returns the schedule advanced (records stay
 * plain data, so a checkpoint stores how far it got); every other schedule depends on nothing else, so a
 * resumed run gets the same rates as an uninterrupted one. A schedule can also run
 * per optimizer step ({@link ScheduleUnit#STEP}): then e is the step of the run and E the run's steps.
 *
 * <p>Each schedule is a record registered in {@link Schedules#REGISTRY}: plain data, whose JSON has its
 * registry name as {@code type}, e.g. {@code {"type":"step","every":10,"gamma":0.5}}. An optimizer holds
 * its schedule in its {@link RateSchedule}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface LearningRateSchedule {

    /** α_e for epoch {@code epoch} of {@code epochs}, from the base rate {@code base}; always &gt; 0. */
    double rate(double base, int epoch, int epochs);

    /**
     * This schedule after epoch {@code result.epoch()}, whose results it may read: itself for a schedule
     * of the epoch alone (the default), the advanced record for one that reacts to a metric.
     */
    default LearningRateSchedule afterEpoch(EpochResult result) {
        return this;
    }

    /** The metric whose per-epoch values {@link #afterEpoch} reads, if any (the trainer checks it is measured). */
    default Optional<Metric> monitors() {
        return Optional.empty();
    }

    /** The schedule as {@link #parse} reads it, e.g. {@code step(10,0.5)}. */
    String spec();

    /** α_e = α₀. */
    static LearningRateSchedule constant() {
        return new ConstantSchedule();
    }

    /** Step decay: α_e = α₀ γ^⌊(e − 1) / every⌋, with 0 &lt; γ ≤ 1. */
    static LearningRateSchedule step(int every, double gamma) {
        return new StepSchedule(every, gamma);
    }

    /**
     * Cosine annealing without restarts (Loshchilov &amp; Hutter 2017), per epoch:
     * α_e = α₀ · ½ (1 + cos(π (e − 1) / E)), from α₀ at the first epoch towards 0 (never reached).
     */
    static LearningRateSchedule cosine() {
        return new CosineSchedule();
    }

    /**
     * This schedule after a linear warm-up over its first {@code units} epochs (steps, per step):
     * α_t = α₀ t / W for t ≤ W, then this schedule's α(t − W) of T − W ({@link WarmupSchedule}).
     */
    default LearningRateSchedule withWarmup(int units) {
        return new WarmupSchedule(units, this);
    }

    /**
     * The schedule a {@link #spec()} names: {@code constant}, {@code cosine}, {@code step}
     * (= {@code step(10,0.5)}), {@code step(EVERY,GAMMA)}, {@code warmup(W,SCHEDULE)} or
     * {@code plateau(factor=…, patience=…, …)};
     * see {@link Schedules#REGISTRY}.
     */
    static LearningRateSchedule parse(String spec) {
        return Schedules.REGISTRY.parse(spec);
    }
}
