package org.neuronkit.train;

/**
 * One epoch's measurements. The training loss and accuracy are running means over the epoch's
 * batches (each measured before its update, as Keras and PyTorch loops report them); validation
 * values are NaN when no validation set was given. {@code seconds} is training time only.
 * {@code skippedBatches} counts the batches dropped for a non-finite loss or gradient
 * ({@link NonFinitePolicy}); their samples are in none of the means. {@code validation} is the whole
 * {@link Evaluation} of the validation set after the epoch (its risk and accuracy are
 * {@code validationLoss} and {@code validationAccuracy}), or null without one; {@link Metric} reads it.
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy, double learningRate, double seconds, double samplesPerSecond, int skippedBatches,
        Evaluation validation) {

    /** An epoch whose validation set (if any) was measured for its risk and accuracy only. */
    public EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
            double learningRate, double seconds, double samplesPerSecond, int skippedBatches) {
        this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, learningRate, seconds, samplesPerSecond, skippedBatches,
                Double.isNaN(validationLoss) ? null : new Evaluation(validationLoss, validationAccuracy));
    }

    /** An epoch in which no batch was skipped. */
    public EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
            double learningRate, double seconds, double samplesPerSecond) {
        this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, learningRate, seconds, samplesPerSecond, 0);
    }
}
