package org.neuronkit.spark;

import java.io.Serializable;

/**
 * Early stopping on the validation risk: an epoch improves when its risk is below the best so far by
 * more than {@code minDelta}; the parameters of the best epoch are kept, and the fit stops once
 * {@code patience} epochs in a row have not improved (patience 0: never stops early, but the best
 * epoch's parameters are still the model's). Serializable, so a checkpoint carries it.
 */
final class EarlyStop implements Serializable {
    private final int patience;
    private final double minDelta;
    private int bestEpoch;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private float[] bestParameters;

    EarlyStop(int patience, double minDelta) {
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Records epoch {@code epoch}'s validation risk and parameters; true when the fit should stop. */
    boolean update(int epoch, double validationLoss, float[] parameters) {
        if (validationLoss < bestLoss - minDelta || bestParameters == null) {
            bestLoss = validationLoss;
            bestEpoch = epoch;
            bestParameters = parameters;
        }
        return patience > 0 && epoch - bestEpoch >= patience;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    /** The best epoch's parameters, or null before the first epoch. */
    float[] bestParameters() {
        return bestParameters;
    }
}
