package org.neuronkit.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.network.Network;

/**
 * Early stopping on the validation risk: remembers the parameters of the epoch with the lowest
 * validation risk so far, asks the trainer to stop after {@code patience} epochs without a strictly
 * lower one, and at the end puts the best parameters back into the network.
 */
public final class EarlyStopping {
    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private INDArray bestParameters;

    /** @param patience epochs without improvement before stopping, &gt; 0 */
    public EarlyStopping(int patience) {
        if (patience <= 0) {
            throw new ConfigurationException("the early-stopping patience must be positive, got " + patience);
        }
        this.patience = patience;
    }

    /**
     * Continues a run stopped at a checkpoint: the best epoch so far, its validation risk and its
     * parameters (copied).
     */
    public EarlyStopping resume(int epoch, double loss, INDArray parameters) {
        bestEpoch = epoch;
        bestLoss = loss;
        bestParameters = parameters.dup();
        return this;
    }

    public int patience() {
        return patience;
    }

    /** The epoch with the lowest validation risk so far (0 before the first). */
    public int bestEpoch() {
        return bestEpoch;
    }

    public double bestLoss() {
        return bestLoss;
    }

    /** Records an epoch's result; true when training should stop. */
    boolean update(EpochResult result, Network network) {
        if (result.validationLoss() < bestLoss) {
            bestLoss = result.validationLoss();
            bestEpoch = result.epoch();
            if (bestParameters == null) {
                bestParameters = network.parameters().dup();
            } else {
                bestParameters.assign(network.parameters());
            }
        }
        return result.epoch() - bestEpoch >= patience;
    }

    /** Puts the best epoch's parameters into {@code network} (no-op before any epoch). */
    void restoreBest(Network network) {
        if (bestParameters != null) {
            network.parameters().assign(bestParameters);
        }
    }
}
