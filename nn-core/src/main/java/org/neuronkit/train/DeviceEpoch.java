package org.neuronkit.train;

/**
 * What a {@link DeviceRun} reports after an epoch, measured as the CPU measures it: each batch's risk
 * before its update.
 *
 * @param trainLoss the mean of the batches' risks, weighted by their sizes, over the batches not skipped
 * @param trainAccuracy the fraction of correctly classified samples in those batches (NaN for regression)
 * @param firstLoss the risk of the epoch's first batch not skipped (the trainer's divergence check starts from it)
 * @param samples the samples in the batches not skipped
 * @param skippedBatches the batches dropped by the non-finite policy
 */
public record DeviceEpoch(double trainLoss, double trainAccuracy, double firstLoss, long samples, int skippedBatches) {
}
