package org.neuronkit.tune;

import java.nio.file.Path;

/**
 * Trains one trial: the {@link Tuner} calls it from several threads at once, each time for another
 * trial. The command line's runner runs {@code neuronkit train} in the trial's run folder; a Java
 * program can train with {@link org.neuronkit.train.Trainer} and save its own files.
 */
@FunctionalInterface
public interface TrialRunner {
    /**
     * Trains {@code trial} to {@code epochs} epochs in all in {@code folder}, continuing the training
     * already there (an earlier rung's, or one a killed study left), and returns the
     * {@link Objective}'s metric after the last epoch.
     *
     * @throws TrialFailedException when this trial cannot be trained (bad values, divergence): the
     *         study records it and goes on without it; any other exception stops the study
     */
    double train(Trial trial, Path folder, int epochs);

    /** A trial that failed on its own; the study goes on without it. */
    final class TrialFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TrialFailedException(String message) {
            super(message);
        }
    }
}
