package org.neuronkit.loss;

import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;

/** Creates the losses of docs/chapter.md §3, by method or by {@link Loss#spec()} name. */
public final class Losses {

    private Losses() {
    }

    /**
     * Softmax output, cross-entropy loss L(y, ŷ) = −yᵀ log ŷ (docs/chapter.md §3) for one-hot rows y: the C-class
     * classifier. Computed as logsumexp(z) − yᵀz.
     */
    public static Loss softmaxCrossEntropy() {
        return new CrossEntropy("softmax-cross-entropy", Activations.softmax(), NativeLossSum.softmaxCrossEntropy());
    }

    /**
     * Logistic output(s), binary cross-entropy L = −[y log σ(z) + (1 − y) log(1 − σ(z))] summed over
     * the outputs (docs/chapter.md §3: p(y = 1 | x) = σ(z)): the two-class (or multi-label) classifier. Computed
     * as max(z, 0) − yz + log(1 + exp(−|z|)).
     */
    public static Loss logisticCrossEntropy() {
        return new CrossEntropy("logistic-cross-entropy", Activations.logistic(), NativeLossSum.sigmoidCrossEntropy());
    }

    /** Identity output, squared error: regression. */
    public static Loss squaredError() {
        return new SquaredError(Activations.identity());
    }

    /** Squared error after the given output activation. */
    public static Loss squaredError(Activation output) {
        return new SquaredError(output);
    }

    /** The loss a {@link Loss#spec()} string names. */
    public static Loss parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.equals("softmax-cross-entropy")) {
            return softmaxCrossEntropy();
        }
        if (text.equals("logistic-cross-entropy")) {
            return logisticCrossEntropy();
        }
        if (text.equals("squared-error")) {
            return squaredError();
        }
        if (text.startsWith("squared-error(") && text.endsWith(")")) {
            return squaredError(Activations.parse(text.substring("squared-error(".length(), text.length() - 1)));
        }
        throw new ConfigurationException("unknown loss '" + spec
                + "'; known: softmax-cross-entropy, logistic-cross-entropy, squared-error, squared-error(<activation>)");
    }
}
