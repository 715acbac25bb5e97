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
        return softmaxCrossEntropy(null);
    }

    /**
     * Softmax cross-entropy with each sample's loss multiplied by the weight of its class, the batch
     * sum still divided by N ({@link ClassWeights}); {@code weights} has one entry per output class.
     * Null weights: {@link #softmaxCrossEntropy()}.
     */
    public static Loss softmaxCrossEntropy(ClassWeights weights) {
        return new CrossEntropy("softmax-cross-entropy", Activations.softmax(), NativeLossSum.softmaxCrossEntropy(), weights);
    }

    /**
     * Logistic output(s), binary cross-entropy L = −[y log σ(z) + (1 − y) log(1 − σ(z))] summed over
     * the outputs (docs/chapter.md §3: p(y = 1 | x) = σ(z)): the two-class (or multi-label) classifier. Computed
     * as max(z, 0) − yz + log(1 + exp(−|z|)).
     */
    public static Loss logisticCrossEntropy() {
        return logisticCrossEntropy(null);
    }

    /**
     * Binary cross-entropy with each sample's loss multiplied by the weight of its class, the batch
     * sum still divided by N ({@link ClassWeights}): w₀, w₁ for a single 0/1 output, else one weight
     * per output of one-hot rows. Null weights: {@link #logisticCrossEntropy()}.
     */
    public static Loss logisticCrossEntropy(ClassWeights weights) {
        return new CrossEntropy("logistic-cross-entropy", Activations.logistic(), NativeLossSum.sigmoidCrossEntropy(), weights);
    }

    /**
     * {@code loss}, a softmax or logistic cross-entropy, with the class weights {@code weights}; a
     * ConfigurationException for any other loss.
     */
    public static Loss withClassWeights(Loss loss, ClassWeights weights) {
        String spec = loss.spec();
        if (spec.startsWith("softmax-cross-entropy")) {
            return softmaxCrossEntropy(weights);
        }
        if (spec.startsWith("logistic-cross-entropy")) {
            return logisticCrossEntropy(weights);
        }
        throw new ConfigurationException("class weights apply to softmax-cross-entropy and logistic-cross-entropy, not to " + spec);
    }

    /** Identity output, squared error: regression. */
    public static Loss squaredError() {
        return new SquaredError(Activations.identity());
    }

    /** Squared error after the given output activation. */
    public static Loss squaredError(Activation output) {
        return new SquaredError(output);
    }

    /** Huber loss with threshold δ = 1 and identity output: robust regression ({@link Huber}). */
    public static Loss huber() {
        return huber(1.0);
    }

    /** Huber loss with threshold δ &gt; 0 and identity output ({@link Huber}). */
    public static Loss huber(double delta) {
        return huber(delta, Activations.identity());
    }

    /** Huber loss with threshold δ after the given output activation. */
    public static Loss huber(double delta, Activation output) {
        return new Huber(delta, output);
    }

    /** Mean absolute error with identity output: regression ({@link MeanAbsoluteError}). */
    public static Loss meanAbsoluteError() {
        return meanAbsoluteError(Activations.identity());
    }

    /** Mean absolute error after the given output activation. */
    public static Loss meanAbsoluteError(Activation output) {
        return new MeanAbsoluteError(output);
    }

    /** The loss a {@link Loss#spec()} string names. */
    public static Loss parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.startsWith("softmax-cross-entropy(") && text.endsWith(")")) {
            return softmaxCrossEntropy(ClassWeights.parse(arguments(text)));
        }
        if (text.startsWith("logistic-cross-entropy(") && text.endsWith(")")) {
            return logisticCrossEntropy(ClassWeights.parse(arguments(text)));
        }
        if (text.equals("huber") || text.startsWith("huber(") && text.endsWith(")")) {
            return parseHuber(text);
        }
        if (text.equals("mae") || text.startsWith("mae(") && text.endsWith(")")) {
            return text.equals("mae") ? meanAbsoluteError() : meanAbsoluteError(Activations.parse(arguments(text)));
        }
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
            return squaredError(Activations.parse(arguments(text)));
        }
        throw new ConfigurationException("unknown loss '" + spec + "'; known: softmax-cross-entropy, logistic-cross-entropy,"
                + " squared-error, squared-error(<activation>), huber, huber(<δ>), huber(<δ>,<activation>), mae, mae(<activation>),"
                + " softmax-cross-entropy(<w0>,<w1>,…), logistic-cross-entropy(<w0>,<w1>,…)");
    }

    /** {@code huber}, {@code huber(δ)} or {@code huber(δ,activation)}. */
    private static Loss parseHuber(String text) {
        if (text.equals("huber")) {
            return huber();
        }
        String[] parts = arguments(text).split(",", 2);
        double delta;
        try {
            delta = Double.parseDouble(parts[0].trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("loss '" + text + "': the Huber threshold δ '" + parts[0].trim() + "' is not a number");
        }
        return parts.length == 1 ? huber(delta) : huber(delta, Activations.parse(parts[1]));
    }

    /** What stands between the first '(' and the final ')' of {@code name(arguments)}. */
    private static String arguments(String text) {
        return text.substring(text.indexOf('(') + 1, text.length() - 1);
    }
}
