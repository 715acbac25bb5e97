package org.neuronkit.train;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.network.Network;

/**
 * Early stopping on any {@link Metric} (the validation risk by default): an epoch improves when its
 * value beats the best so far by more than {@code minDelta} in the metric's direction (lower for losses
 * and errors, higher for accuracy, F1, R²); the rule asks to stop once {@code patience} epochs in a row
 * have not improved (patience 0: never stops, only tracks the best epoch). With {@code restoreBest} the
 * trainer keeps a copy of the best epoch's parameters and puts it back into the network at the end.
 *
 * <p>The rule itself ({@link #observe}, {@link #shouldStop}) is plain data and {@link Serializable}, so
 * every path uses this one class: {@link Trainer} through {@link #update}, nn-spark with its own copy of
 * the parameters (the parameter copy is not serialised).
 */
public final class EarlyStopping implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Metric metric;
    private final int patience;
    private final double minDelta;
    private final boolean restoreBest;
    private double best = Double.NaN;
    private int bestEpoch;
    private transient INDArray bestParameters;

    /** Stops after {@code patience} &gt; 0 epochs without a lower validation risk, and restores the best epoch's parameters. */
    public EarlyStopping(int patience) {
        this(Metric.VALIDATION_LOSS, positive(patience), 0, true);
    }

    /**
     * @param metric what is watched
     * @param patience epochs without improvement before stopping, ≥ 0 (0: never stop)
     * @param minDelta the change beyond the best that counts as an improvement, ≥ 0
     * @param restoreBest whether the network ends with the best epoch's parameters (else the last epoch's)
     */
    public EarlyStopping(Metric metric, int patience, double minDelta, boolean restoreBest) {
        if (metric == null) {
            throw new ConfigurationException("early stopping needs a metric to watch");
        }
        if (patience < 0) {
            throw new ConfigurationException("the early-stopping patience must be ≥ 0 epochs, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new ConfigurationException("the early-stopping min-delta must be a finite number ≥ 0, got " + minDelta);
        }
        this.metric = metric;
        this.patience = patience;
        this.minDelta = minDelta;
        this.restoreBest = restoreBest;
    }

    private static int positive(int patience) {
        if (patience <= 0) {
            throw new ConfigurationException("the early-stopping patience must be positive, got " + patience);
        }
        return patience;
    }

    /**
     * Continues a run stopped at a checkpoint: the best epoch so far, its metric value and (with
     * {@code restoreBest}) its parameters (copied; may be null without).
     */
    public EarlyStopping resume(int epoch, double value, INDArray parameters) {
        bestEpoch = epoch;
        best = value;
        bestParameters = parameters == null || !restoreBest ? null : parameters.dup();
        return this;
    }

    public Metric metric() {
        return metric;
    }

    public int patience() {
        return patience;
    }

    public double minDelta() {
        return minDelta;
    }

    public boolean restoresBest() {
        return restoreBest;
    }

    /** The epoch with the best metric so far (0 before the first). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best metric value so far (NaN before the first epoch). */
    public double best() {
        return best;
    }

    /**
     * Records epoch {@code epoch}'s value of the metric; true when it is the new best (the first epoch
     * always is). A NaN value never improves.
     */
    public boolean observe(int epoch, double value) {
        if (!Double.isNaN(value) && (bestEpoch == 0 || metric.improves(value, best, minDelta))) {
            best = value;
            bestEpoch = epoch;
            return true;
        }
        return false;
    }

    /** Whether, after epoch {@code epoch}, {@code patience} epochs have passed without improvement. */
    public boolean shouldStop(int epoch) {
        return patience > 0 && bestEpoch > 0 && epoch - bestEpoch >= patience;
    }

    /** Records an epoch's result (and, on a new best with {@code restoreBest}, copies the parameters); true when training should stop. */
    boolean update(EpochResult result, Network network) {
        if (observe(result.epoch(), metric.of(result)) && restoreBest) {
            if (bestParameters == null) {
                bestParameters = network.parameters().dup();
            } else {
                bestParameters.assign(network.parameters());
            }
        }
        return shouldStop(result.epoch());
    }

    /** With {@code restoreBest}, puts the best epoch's parameters into {@code network} (no-op before any epoch, or without). */
    void restoreBest(Network network) {
        if (restoreBest && bestParameters != null) {
            network.parameters().assign(bestParameters);
        }
    }

    /** E.g. {@code validation-f1 (max), patience 5, min-delta 0.001, best epoch 7 restored}. */
    @Override
    public String toString() {
        return metric + " (" + (metric.higherIsBetter() ? "max" : "min") + "), patience " + patience + ", min-delta " + minDelta
                + (restoreBest ? ", the best epoch restored" : ", the last epoch kept");
    }
}
