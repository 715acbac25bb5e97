package org.neuronkit.cli;

import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.Schedules;
import org.neuronkit.train.Metric;
import picocli.CommandLine.Option;

/** {@code train}'s optimisation options (a picocli mixin): update rule, learning rate and schedule, batches, epochs, stopping, seed. */
final class OptimizationOptions {
    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "OPTIMIZER", completionCandidates = Optimizers.Names.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "0.002", paramLabel = "RATE",
            description = "Learning rate α (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "SCHEDULE", completionCandidates = Schedules.Names.class,
            description = "Learning rate per epoch (or per step): ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; step alone is step(10,0.5)).")
    String schedule;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "20", paramLabel = "N",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}). With --resume: more than a finished run's epochs, to extend it.")
    int epochs;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "EPOCHS",
            description = "Stop after this many epochs without an improvement of --early-stop-metric (default: 0, never).")
    int patience;

    @Option(names = "--early-stop-metric", defaultValue = "validation-loss", paramLabel = "METRIC", completionCandidates = Metric.Names.class,
            description = "What --patience watches: ${COMPLETION-CANDIDATES}; lower is better for losses and errors, higher for accuracy, F1"
                    + " and R² (default: ${DEFAULT-VALUE}).")
    String earlyStopMetric;

    @Option(names = "--min-delta", defaultValue = "0", paramLabel = "DELTA",
            description = "With --patience: the least change beyond the best value that counts as an improvement (default: 0).")
    double minDelta;

    @Option(names = "--restore-best", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With --patience: the model saved is the best epoch's (default); --no-restore-best keeps the last epoch's.")
    boolean restoreBest;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
            description = "Seed of the splits, initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "1", paramLabel = "N",
            description = "Write checkpoint.safetensors every N epochs and after the last (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--schedule-unit", defaultValue = "epoch", paramLabel = "UNIT",
            description = "epoch or step: ask the schedule for the rate once per epoch (default) or before every optimizer step.")
    String scheduleUnit;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "EPOCHS",
            description = "Linear learning-rate warm-up over the first EPOCHS epochs, then the schedule (default: 0, none).")
    int warmup;

    @Option(names = "--clip-norm", defaultValue = "0", paramLabel = "C",
            description = "Clip the gradient to global L2 norm C before each update (default: 0, off).")
    double clipNorm;

    @Option(names = "--clip-value", defaultValue = "0", paramLabel = "C",
            description = "Clamp every gradient entry to [-C, C] before each update (default: 0, off).")
    double clipValue;

    @Option(names = "--on-non-finite", defaultValue = "stop", paramLabel = "POLICY",
            description = "stop, skip or clip: on a batch with a NaN/infinite loss or gradient, stop training (default), skip the "
                    + "batch (counted per epoch), or zero the non-finite gradient entries and clip.")
    String onNonFinite;

    TrainSettings.Optimization settings() {
        return new TrainSettings.Optimization(optimizer, learningRate, schedule, batchSize, epochs, patience, seed, checkpointEvery,
                warmup, scheduleUnit, clipNorm, clipValue, onNonFinite, earlyStopMetric, minDelta, restoreBest);
    }
}
