package org.neuronkit.activation;

import java.util.Iterator;
import java.util.List;
import org.neuronkit.ConfigurationException;
import org.neuronkit.registry.Args;
import org.neuronkit.registry.Registry;

/**
 * Creates the activation functions of docs/chapter.md §1, by method or by name. Each call returns a new
 * instance, so every layer gets its own (learnable swish keeps its β in it).
 */
public final class Activations {

    /** Slope of GELU's sigmoid form, x σ(1.702 x) (docs/chapter.md §1). */
    static final double GELU_SIGMOID_BETA = 1.702;

    /**
     * Every activation by name: one line per activation. {@link #parse}, {@link #names()}, the
     * command line's help and completion, the benchmarks' and the tests' lists all read it.
     */
    public static final Registry<Activation> REGISTRY = new Registry<Activation>("activation")
            .add("logistic", "σ(z) = 1 / (1 + exp(−z))", args -> none(args, logistic()))
            .add("tanh", "tanh(z)", args -> none(args, tanh()))
            .add("hardlogistic", "max(min(0.25z + 0.5, 1), 0)", args -> none(args, hardLogistic()))
            .add("hardtanh", "max(min(z, 1), −1)", args -> none(args, hardTanh()))
            .add("relu", "max(0, z)", args -> none(args, relu()))
            .add("leakyrelu(γ)", "max(z, γz), γ in [0, 1), default 0.01", args -> leakyRelu(args.atMost(1).number(0, 0.01)), "leakyrelu(0.01)")
            .add("elu(γ)", "max(0, z) + min(0, γ(exp(z) − 1)), default γ = 1", args -> elu(args.atMost(1).number(0, 1.0)), "elu(1.0)")
            .add("selu", "λ (max(0, z) + min(0, α(exp(z) − 1))), λ ≈ 1.0507, α ≈ 1.67326", args -> none(args, new Selu()))
            .add("softplus", "log(1 + exp(z))", args -> none(args, softplus()))
            .add("swish(β|learn,β|learn-neuron,β)", "z σ(βz): β fixed, learned per layer or per neuron; default 1",
                    Activations::swish, "swish(1.0)", "swish(learn,1.0)", "swish(learn-neuron,1.0)")
            .add("gelu", "z Φ(z), exact", args -> none(args, gelu()))
            .add("gelu-tanh", "½ z (1 + tanh(√(2/π)(z + " + GeluTanh.K + " z³)))", args -> none(args, geluTanh()))
            .add("gelu-sigmoid", "z σ(" + GELU_SIGMOID_BETA + " z)", args -> none(args, geluSigmoid()))
            .add("identity", "z", args -> none(args, identity()))
            .add("softmax", "exp(z_i) / Σ_j exp(z_j), per row (output layers)", args -> none(args, softmax()))
            .alias("sigmoid", "logistic")
            .alias("hard-logistic", "hardlogistic").alias("hardsigmoid", "hardlogistic")
            .alias("hard-tanh", "hardtanh")
            .alias("leaky-relu", "leakyrelu")
            .alias("linear", "identity");

    /** {@link #REGISTRY}'s names with their parameters, as picocli {@code completionCandidates}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return REGISTRY.usages().iterator();
        }
    }

    private Activations() {
    }

    public static Activation logistic() {
        return new Logistic();
    }

    public static Activation tanh() {
        return new Tanh();
    }

    /** max(min(0.25z + 0.5, 1), 0). */
    public static Activation hardLogistic() {
        return new HardLogistic();
    }

    /** max(min(z, 1), −1). */
    public static Activation hardTanh() {
        return new HardTanhActivation();
    }

    public static Activation relu() {
        return new Relu();
    }

    /** max(z, γz), 0 ≤ γ &lt; 1. */
    public static Activation leakyRelu(double gamma) {
        return new LeakyRelu(gamma);
    }

    /** max(0, z) + min(0, γ(exp(z) − 1)), γ ≥ 0. */
    public static Activation elu(double gamma) {
        return new Elu(gamma);
    }

    public static Activation softplus() {
        return new Softplus();
    }

    /** z σ(βz) with β fixed. */
    public static Activation swish(double beta) {
        return new Swish("swish", beta, Swish.Learn.FIXED);
    }

    /** z σ(βz) with one learnable β for the whole layer, starting at {@code initialBeta}. */
    public static ParametricActivation swishLearnedPerLayer(double initialBeta) {
        return new Swish("swish", initialBeta, Swish.Learn.PER_LAYER);
    }

    /** z σ(β_i z) with one learnable β_i per neuron, each starting at {@code initialBeta}. */
    public static ParametricActivation swishLearnedPerNeuron(double initialBeta) {
        return new Swish("swish", initialBeta, Swish.Learn.PER_NEURON);
    }

    /** z Φ(z), exact, through erf. */
    public static Activation gelu() {
        return new GeluExact();
    }

    /** ½ z (1 + tanh(√(2/π)(z + 0.044715 z³))). */
    public static Activation geluTanh() {
        return new GeluTanh();
    }

    /** z σ(1.702 z). */
    public static Activation geluSigmoid() {
        return new Swish("gelu-sigmoid", GELU_SIGMOID_BETA, Swish.Learn.FIXED);
    }

    public static Activation identity() {
        return new Identity();
    }

    public static Activation softmax() {
        return new Softmax();
    }

    /** The accepted names, with parameter placeholders, for help texts and error messages. */
    public static List<String> names() {
        return REGISTRY.usages();
    }

    /**
     * The activation a {@link Activation#spec()} string names, e.g. {@code relu},
     * {@code leakyrelu(0.01)}, {@code elu} (γ = 1), {@code swish(learn,1.0)}. Case is ignored;
     * {@code sigmoid} is accepted for logistic.
     *
     * @throws ConfigurationException naming the unknown name or bad parameter and listing the known names
     */
    public static Activation parse(String spec) {
        return REGISTRY.parse(spec);
    }

    private static Activation swish(Args args) {
        args.atMost(2);
        String scope = args.text(0, "");
        if (!scope.startsWith("learn")) {
            return swish(args.atMost(1).number(0, 1.0));
        }
        double beta = args.number(1, 1.0);
        switch (scope) {
            case "learn": return swishLearnedPerLayer(beta);
            case "learn-neuron": return swishLearnedPerNeuron(beta);
            default: throw args.error("expected 'learn' or 'learn-neuron', got '" + scope + "'");
        }
    }

    private static Activation none(Args args, Activation activation) {
        args.atMost(0);
        return activation;
    }

    static double requireInRange(String activation, String parameter, double value, double low, double high) {
        if (!(value >= low && value < high)) {
            throw new ConfigurationException(activation + ": " + parameter + " = " + value + " is outside [" + low + ", " + high + ")");
        }
        return value;
    }
}
