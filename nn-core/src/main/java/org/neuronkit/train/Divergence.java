package org.neuronkit.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.NumericalException;
import org.neuronkit.layer.Layer;
import org.neuronkit.network.Network;

/**
 * Detects training that diverged while staying finite (e.g. Adam at a learning rate of 10⁶, whose
 * bounded steps give a loss of 10¹² and no NaN): after each epoch, the mean training risk must stay
 * below {@value #FACTOR} × (R₀ + 1), with R₀ the risk of the run's first minibatch before its first
 * update (the untrained or resumed network). The check is the same for every optimizer and every
 * batch source; it names the layer with the largest parameter.
 */
final class Divergence {
    /** How far above the starting risk (plus one) a mean epoch risk may go. */
    static final double FACTOR = 1000;
    private double startRisk = Double.NaN;

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
