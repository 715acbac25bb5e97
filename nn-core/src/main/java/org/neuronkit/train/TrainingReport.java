package org.neuronkit.train;

import java.util.List;

/**
 * The whole run: every epoch's result, the totals over them, the test set's risk and accuracy
 * measured once after the last epoch ({@code test} is null when no test set was given, see
 * {@link Trainer#testSet}), and what a user must know before trusting the result ({@code warnings},
 * e.g. a run that ended worse than it started, see {@link DivergencePolicy}).
 */
public record TrainingReport(List<EpochResult> epochs, double trainSeconds, long samplesSeen, Evaluation test, List<String> warnings) {

    public TrainingReport {
        epochs = List.copyOf(epochs);
        warnings = List.copyOf(warnings);
    }

    /** A report without warnings. */
    public TrainingReport(List<EpochResult> epochs, double trainSeconds, long samplesSeen, Evaluation test) {
        this(epochs, trainSeconds, samplesSeen, test, List.of());
    }

    /** A report without test metrics or warnings. */
    public TrainingReport(List<EpochResult> epochs, double trainSeconds, long samplesSeen) {
        this(epochs, trainSeconds, samplesSeen, null);
    }

    public EpochResult last() {
        return epochs.get(epochs.size() - 1);
    }

    /** Whether the test set was evaluated ({@link #test()} is not null). */
    public boolean hasTest() {
        return test != null;
    }

    /** Training samples processed per second of training time. */
    public double samplesPerSecond() {
        return trainSeconds > 0 ? samplesSeen / trainSeconds : 0;
    }
}
