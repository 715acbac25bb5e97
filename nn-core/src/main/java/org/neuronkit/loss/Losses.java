package org.neuronkit.loss;

import java.util.Iterator;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.registry.Args;
import org.neuronkit.registry.Registry;

/** Creates the losses of docs/chapter.md §3, by method or by {@link Loss#spec()} name. */
public final class Losses {

    /** Every loss by name: one line per loss; the registry parses a spec string into the loss's {@link LossSpec} record. */
    public static final Registry<LossSpec> REGISTRY = new Registry<LossSpec>("loss")
            .add("softmax-cross-entropy(w0,w1,…)", "softmax output, L = −yᵀ log ŷ (C-class classifier); with class weights, w_y L",
                    args -> new SoftmaxCrossEntropySpec(classWeights(args)), "softmax-cross-entropy", "softmax-cross-entropy(1,2,0.5)")
            .add("logistic-cross-entropy(w0,w1,…)", "logistic output(s), L = −Σ [y log ŷ + (1 − y) log(1 − ŷ)]; with class weights, w_y L",
                    args -> new LogisticCrossEntropySpec(classWeights(args)), "logistic-cross-entropy", "logistic-cross-entropy(1,3)")
            .add("squared-error(activation)", "L = ½‖ŷ − y‖² after the output activation, identity by default",
                    args -> new SquaredErrorSpec(args.atMost(1).text(0, "identity")), "squared-error", "squared-error(tanh)")
            .add("huber(δ,activation)", "L = Σ ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond, r = ŷ − y; δ = 1 and identity output by default",
                    args -> new HuberSpec(args.atMost(2).number(0, 1.0), args.text(1, "identity")),
                    "huber", "huber(0.5)", "huber(0.5,logistic)")
            .add("mae(activation)", "mean absolute error L = ‖ŷ − y‖₁ after the output activation, identity by default",
                    args -> new MaeSpec(args.atMost(1).text(0, "identity")), "mae", "mae(tanh)");

    /** {@link #REGISTRY}'s names, as picocli {@code completionCandidates}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return REGISTRY.usages().iterator();
        }
    }

    private Losses() {
    }

    /** The class weights a cross-entropy's arguments list, empty for none. */
    private static java.util.List<Double> classWeights(Args args) {
        if (args.size() == 0) {
            return java.util.List.of();
        }
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            list.append(i == 0 ? "" : ",").append(args.text(i, ""));
        }
        return ClassWeights.parse(list.toString()).asList();
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
        return new CrossEntropy(false, Activations.softmax(), NativeLossSum.softmaxCrossEntropy(), weights);
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
        return new CrossEntropy(true, Activations.logistic(), NativeLossSum.sigmoidCrossEntropy(), weights);
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

    /** A new loss of the record a {@link Loss#spec()} string names; see {@link #REGISTRY}. */
    public static Loss parse(String spec) {
        return REGISTRY.parse(spec).create();
    }
}
