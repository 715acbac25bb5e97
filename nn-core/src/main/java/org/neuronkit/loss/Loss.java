package org.neuronkit.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activation;

/**
 * A loss L(y, ŷ) together with the output activation ŷ = f_L(z⁽ᴸ⁾) it is paired with, so that the
 * error term of the output layer, δ⁽ᴸ⁾ = ∂L/∂z⁽ᴸ⁾ (docs/chapter.md §4), can be computed in its simplest and most
 * stable form (ŷ − y for softmax + cross-entropy and for logistic + binary cross-entropy).
 *
 * <h2>Shapes</h2>
 * {@code z}, {@code yHat}, {@code y} and the δ written by {@link #delta} are all N × C: one row per
 * sample. Both methods work on the mean over the N rows, the first term of the structural risk of
 * docs/chapter.md §3, so δ already carries the factor 1/N.
 */
public interface Loss {

    /** The output layer's activation f_L. */
    Activation outputActivation();

    /** (1/N) Σₙ L(y⁽ⁿ⁾, ŷ⁽ⁿ⁾). */
    double value(INDArray z, INDArray yHat, INDArray y);

    /** δ⁽ᴸ⁾ = ∂/∂z of (1/N) Σₙ L(y⁽ⁿ⁾, ŷ⁽ⁿ⁾), written into {@code delta}. */
    void delta(INDArray z, INDArray yHat, INDArray y, INDArray delta);

    /**
     * Refuses an output layer of {@code units} neurons this loss cannot serve (class weights of
     * another count), with a message naming both numbers; {@link org.neuronkit.network.NetworkBuilder#output}
     * calls it. Most losses fit any size.
     */
    default void checkOutputSize(int units) {
    }

    /**
     * Whether the outputs are class probabilities and the targets classes: true for the
     * cross-entropies, false for the regression losses.
     */
    default boolean classifies() {
        return false;
    }

    /**
     * This loss with each sample's loss multiplied by the weight of its class ({@link ClassWeights});
     * a ConfigurationException for a loss that has no classes.
     */
    default Loss withClassWeights(ClassWeights weights) {
        throw new ConfigurationException("class weights apply to softmax-cross-entropy and logistic-cross-entropy, not to " + spec());
    }

    /**
     * The loss as a record: its kind, parameters and class weights ({@link LossSpec}), which
     * {@link LossSpec#create()} turns back into an equal loss.
     */
    LossSpec record();

    /**
     * Name, parameters and output activation, e.g. {@code softmax-cross-entropy} or {@code huber(0.5,tanh)}:
     * the {@link #record()}'s string, which {@link Losses#parse} reads back.
     */
    default String spec() {
        return record().toString();
    }
}
