package org.neuronkit.cli;

import picocli.CommandLine.Option;

/** {@code train}'s optimisation options (a picocli mixin): update rule, learning rate and schedule, batches, epochs, stopping, seed. */
final class OptimizationOptions {
    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME", description = "sgd, momentum or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "0.002", paramLabel = "RATE",
            description = "Learning rate α (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "SCHEDULE",
            description = "Learning rate per epoch: constant (default), cosine, step (= step(10,0.5)) or step(EVERY,GAMMA).")
    String schedule;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "20", paramLabel = "N",
            description = "Passes over the training set (default: ${DEFAULT-VALUE}). With --resume: more than a finished run's epochs, to extend it.")
    int epochs;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "EPOCHS",
            description = "Stop after this many epochs without a lower validation loss and keep the best epoch's model (default: 0, never).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
            description = "Seed of the splits, initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "1", paramLabel = "N",
            description = "Write checkpoint.safetensors every N epochs and after the last (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    TrainSettings.Optimization settings() {
        return new TrainSettings.Optimization(optimizer, learningRate, schedule, batchSize, epochs, patience, seed, checkpointEvery);
    }
}
