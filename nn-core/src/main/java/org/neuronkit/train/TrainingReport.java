package org.neuronkit.train;

import java.util.List;

/** The whole run: every epoch's result and the totals over them. */
public record TrainingReport(List<EpochResult> epochs, double trainSeconds, long samplesSeen) {

    public TrainingReport {
        epochs = List.copyOf(epochs);
    }

    public EpochResult last() {
        return epochs.get(epochs.size() - 1);
    }

    /** Training samples processed per second of training time. */
    public double samplesPerSecond() {
        return trainSeconds > 0 ? samplesSeen / trainSeconds : 0;
    }
}
