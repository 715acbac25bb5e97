package org.neuronkit.train;

/**
 * One epoch's measurements. The training loss and accuracy are running means over the epoch's
 * batches (each measured before its update, as Keras and PyTorch loops report them); validation
 * values are NaN when no validation set was given. {@code seconds} is training time only.
 */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
        double validationAccuracy, double learningRate, double seconds, double samplesPerSecond) {
}
