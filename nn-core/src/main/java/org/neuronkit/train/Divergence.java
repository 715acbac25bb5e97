package org.neuronkit.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.NumericalException;
import org.neuronkit.layer.Layer;
import org.neuronkit.network.Network;

/**
 * Detects training that diverged while staying finite, after each epoch, from its mean training risk
 * R̄ and R₀, the risk of the run's first minibatch before its first update (the untrained or resumed
 * network):
 * <ul>
 *   <li>R̄ &gt; {@value #FACTOR} × (|R₀| + 1) always stops training (Adam at a learning rate of 10⁶,
 *       whose bounded steps give a loss of 10¹² and no NaN);</li>
 *   <li>for a run from scratch, R̄ &gt; {@value #ABOVE_START} × R₀ means the run got worse than the untrained network (Adam at a learning rate of 3: 2.3 → 53.6): the {@link DivergencePolicy}
 *       stops training or, at the end, {@link #warning} says so. An untrained network's loss is much
 *       the same on every minibatch (within a few percent), so R₀ with a 25 % margin is a firm line; a resumed run's R₀ is one minibatch of a
 *       trained network, too noisy a line to hold an epoch's mean to, so this check is left out.</li>
 * </ul>
 * The checks are the same for every optimizer and every batch source; they name the layer with the
 * largest parameter.
 */
final class Divergence {
    /** How far above the starting risk (plus one) a mean epoch risk may go. */
    static final double FACTOR = 1000;
    /** How far above the untrained network's risk a run from scratch may be: a margin for minibatch noise. */
    static final double ABOVE_START = 1.25;
    private final DivergencePolicy policy;
    private final boolean fromScratch;
    private double startRisk = Double.NaN;

    /** A check under {@code policy}; {@code fromScratch} for a run that starts with an untrained network at epoch 1. */
    Divergence(DivergencePolicy policy, boolean fromScratch) {
        this.policy = policy;
        this.fromScratch = fromScratch;
    }

    /** Takes R₀ from the run's first step; later steps leave it. */
    void start(double firstRisk) {
        if (Double.isNaN(startRisk)) {
            startRisk = firstRisk;
        }
    }

    /** Throws a {@link NumericalException} if the epoch's mean risk shows divergence. */
    void check(Network network, EpochResult epoch) {
        double limit = FACTOR * (Math.abs(startRisk) + 1);
        if (epoch.trainLoss() > limit) {
            throw new NumericalException(String.format(Locale.ROOT, "training diverged in epoch %d: the mean training loss %.4g is"
                    + " more than %.0f times the starting loss %.4g (plus 1); %s. Try a smaller learning rate.", epoch.epoch(),
                    epoch.trainLoss(), FACTOR, startRisk, largestParameter(network)));
        }
        if (policy == DivergencePolicy.STOP && endsAboveStart(epoch)) {
            throw new NumericalException(String.format(Locale.ROOT, "training diverged in epoch %d: the mean training loss %.4g is"
                    + " more than 25 %% above the starting loss %.4g, the untrained network's; %s. Try a smaller learning rate (or let the run go on"
                    + " with the divergence policy warn).", epoch.epoch(), epoch.trainLoss(), startRisk, largestParameter(network)));
        }
    }

    /** The warning for a run whose {@code last} epoch ended above its start (under {@link DivergencePolicy#WARN}), or null. */
    String warning(EpochResult last) {
        return endsAboveStart(last) ? String.format(Locale.ROOT, "the run ended worse than it started: the last epoch's mean training"
                + " loss %.4g is more than 25 %% above the starting loss %.4g", last.trainLoss(), startRisk) : null;
    }

    private boolean endsAboveStart(EpochResult epoch) {
        return fromScratch && epoch.trainLoss() > ABOVE_START * startRisk;
    }

    /** The layer holding the parameter of largest magnitude, e.g. "largest parameter: layer 1, Dense(4 → 8, relu): |weight| = 3.1e+09". */
    static String largestParameter(Network network) {
        List<Layer> layers = network.layers();
        String where = "no parameters";
        double largest = -1;
        for (int l = 0; l < layers.size(); l++) {
            for (Map.Entry<String, INDArray> view : layers.get(l).parameterViews().entrySet()) {
                double value = view.getValue().amaxNumber().doubleValue();
                if (!(value <= largest)) {
                    largest = value;
                    where = String.format(Locale.ROOT, "largest parameter: layer %d, %s: |%s| = %.3g", l + 1,
                            layers.get(l).describe(), view.getKey(), value);
                }
            }
        }
        return where;
    }
}
