package org.neuronkit.loss;

import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;

/** Creates the losses of SPEC §3, by method or by {@link Loss#spec()} name. */
public final class Losses {

    private Losses() {
    }

    /** Softmax output, cross-entropy loss: the C-class classifier. */
    public static Loss softmaxCrossEntropy() {
        return new SoftmaxCrossEntropy();
    }

    /** Logistic output(s), binary cross-entropy: the two-class (or multi-label) classifier. */
    public static Loss logisticCrossEntropy() {
        return new LogisticCrossEntropy();
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
