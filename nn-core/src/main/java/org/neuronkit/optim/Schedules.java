package org.neuronkit.optim;

import java.util.Iterator;
import org.neuronkit.registry.Registry;

/** Learning-rate schedules by name; a schedule's {@link LearningRateSchedule#spec()} parses back into an equal one. */
public final class Schedules {

    /** Every schedule by name: one line per schedule. */
    public static final Registry<LearningRateSchedule> REGISTRY = new Registry<LearningRateSchedule>("learning-rate schedule")
            .add("constant", "α_e = α₀", args -> LearningRateSchedule.constant())
            .add("cosine", "α_e = α₀ · ½ (1 + cos(π (e − 1) / E))", args -> LearningRateSchedule.cosine())
            .add("step(EVERY,GAMMA)", "α_e = α₀ γ^⌊(e − 1) / every⌋; step alone is step(10,0.5)",
                    args -> LearningRateSchedule.step(args.atMost(2).integer(0, 10), args.number(1, 0.5)), "step", "step(2,0.5)")
            .add("warmup(W,SCHEDULE)", "α_t = α₀ t / W for t ≤ W, then SCHEDULE over the remaining T − W",
                    args -> LearningRateSchedule.parse(args.atMost(2).text(1, "constant")).withWarmup(args.integer(0, 1)),
                    "warmup(2,cosine)")
            .add("plateau(monitor=M,factor=F,patience=P,threshold=T,threshold_mode=rel|abs,cooldown=C,min_lr=L)",
                    "α = max(α₀ Fⁿ, L) after n plateaus of M (more than P epochs in a row without beating its best by T); plateau alone is "
                            + PlateauSchedule.defaults().spec(),
                    Schedules::plateau, "plateau", "plateau(factor=0.5,patience=2,cooldown=1,min_lr=1e-4)",
                    "plateau(monitor=validation-accuracy,threshold=0.01,threshold_mode=abs)");

    private static PlateauSchedule plateau(org.neuronkit.registry.Args args) {
        PlateauSchedule d = PlateauSchedule.defaults();
        args.keys("monitor", "factor", "patience", "threshold", "threshold_mode", "cooldown", "min_lr");
        return new PlateauSchedule(org.neuronkit.train.Metric.parse(args.text("monitor", d.monitor().metricName())),
                args.number("factor", d.factor()), args.integer("patience", d.patience()), args.number("threshold", d.threshold()),
                args.text("threshold_mode", d.thresholdMode()), args.integer("cooldown", d.cooldown()), args.number("min_lr", d.minLr()),
                PlateauSchedule.Progress.START);
    }

    /** {@link #REGISTRY}'s names, as picocli {@code completionCandidates}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return REGISTRY.usages().iterator();
        }
    }

    private Schedules() {
    }
}
