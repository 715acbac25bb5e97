package org.neuronkit.train;

/**
 * One epoch's measurements. The training loss and accuracy are running means over the epoch's
 * batches (each measured before its update, as Keras and PyTorch loops report them); validation
 * values are NaN when no validation set was given. {@code seconds} is training time only.
 * {@code skippedBatches} counts the batches dropped for a non-finite loss or gradient
 * ({@link NonFinitePolicy}); their samples are in none of the means.
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy, double learningRate, double seconds, double samplesPerSecond, int skippedBatches) {

    /** An epoch in which no batch was skipped. */
    public EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
            double learningRate, double seconds, double samplesPerSecond) {
        this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, learningRate, seconds, samplesPerSecond, 0);
    }
}
