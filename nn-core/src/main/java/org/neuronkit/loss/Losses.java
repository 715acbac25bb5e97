package org.neuronkit.loss;

import java.util.Iterator;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.registry.Args;
import org.neuronkit.registry.Registry;

/** Creates the losses of docs/chapter.md §3, by method or by {@link Loss#spec()} name. */
public final class Losses {

    /** Every loss by name: one line per loss. */
    public static final Registry<Loss> REGISTRY = new Registry<Loss>("loss")
            .add("softmax-cross-entropy", "softmax output, L = −yᵀ log ŷ (C-class classifier)",
                    args -> none(args, softmaxCrossEntropy()))
            .add("logistic-cross-entropy", "logistic output(s), L = −Σ [y log ŷ + (1 − y) log(1 − ŷ)]",
                    args -> none(args, logisticCrossEntropy()))
            .add("squared-error(activation)", "L = ½‖ŷ − y‖² after the output activation, identity by default",
                    args -> squaredError(Activations.parse(args.atMost(1).text(0, "identity"))), "squared-error", "squared-error(tanh)");

    /** {@link #REGISTRY}'s names, as picocli {@code completionCandidates}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return REGISTRY.usages().iterator();
        }
    }

    private Losses() {
    }

    private static Loss none(Args args, Loss loss) {
        args.atMost(0);
        return loss;
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

    /** The loss a {@link Loss#spec()} string names; see {@link #REGISTRY}. */
    public static Loss parse(String spec) {
        return REGISTRY.parse(spec);
    }
}
