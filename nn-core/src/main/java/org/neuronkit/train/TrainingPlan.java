package org.neuronkit.train;

/** What a training run is about to do: epochs (counted from 1) and batches. */
public record TrainingPlan(int firstEpoch, int lastEpoch, int batchesPerEpoch, int trainingSamples) {
}
