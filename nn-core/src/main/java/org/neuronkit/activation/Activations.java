package org.neuronkit.activation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.neuronkit.ConfigurationException;

/**
 * Creates the activation functions of docs/chapter.md §1, by method or by name. Each call returns a new
 * instance, so every layer gets its own (learnable swish keeps its β in it).
 */
public final class Activations {

    /** The names {@link #parse} accepts, with their parameters where they take any. */
    private static final List<String> NAMES = List.of(
            "logistic", "tanh", "hardlogistic", "hardtanh", "relu", "leakyrelu(γ)", "elu(γ)",
            "softplus", "swish(β)", "swish(learn,β)", "swish(learn-neuron,β)", "gelu", "gelu-tanh",
            "gelu-sigmoid", "identity", "softmax");

    private static final Pattern CALL = Pattern.compile("([a-z-]+)\\s*(?:\\((.*)\\))?");

    /** Slope of GELU's sigmoid form, x σ(1.702 x) (docs/chapter.md §1). */
    static final double GELU_SIGMOID_BETA = 1.702;

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
        return NAMES;
    }

    /**
     * The activation a {@link Activation#spec()} string names, e.g. {@code relu},
     * {@code leakyrelu(0.01)}, {@code elu} (γ = 1), {@code swish(learn,1.0)}. Case is ignored;
     * {@code sigmoid} is accepted for logistic.
     *
     * @throws ConfigurationException naming the unknown name or bad parameter and listing the known names
     */
    public static Activation parse(String spec) {
        String text = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        Matcher m = CALL.matcher(text);
        if (!m.matches()) {
            throw unknown(spec);
        }
        String name = m.group(1);
        String[] args = m.group(2) == null || m.group(2).isBlank() ? new String[0] : m.group(2).split(",");
        switch (name) {
            case "logistic": case "sigmoid": return noArgs(spec, args, logistic());
            case "tanh": return noArgs(spec, args, tanh());
            case "hardlogistic": case "hard-logistic": case "hardsigmoid": return noArgs(spec, args, hardLogistic());
            case "hardtanh": case "hard-tanh": return noArgs(spec, args, hardTanh());
            case "relu": return noArgs(spec, args, relu());
            case "leakyrelu": case "leaky-relu": return leakyRelu(number(spec, args, 0, 0.01));
            case "elu": return elu(number(spec, args, 0, 1.0));
            case "softplus": return noArgs(spec, args, softplus());
            case "swish": return swish(spec, args);
            case "gelu": return noArgs(spec, args, gelu());
            case "gelu-tanh": return noArgs(spec, args, geluTanh());
            case "gelu-sigmoid": return noArgs(spec, args, geluSigmoid());
            case "identity": case "linear": return noArgs(spec, args, identity());
            case "softmax": return noArgs(spec, args, softmax());
            default: throw unknown(spec);
        }
    }

    private static Activation swish(String spec, String[] args) {
        if (args.length > 0 && args[0].trim().startsWith("learn")) {
            String scope = args[0].trim();
            double beta = number(spec, args, 1, 1.0);
            if (scope.equals("learn")) {
                return swishLearnedPerLayer(beta);
            }
            if (scope.equals("learn-neuron")) {
                return swishLearnedPerNeuron(beta);
            }
            throw new ConfigurationException("activation '" + spec + "': expected 'learn' or 'learn-neuron', got '" + scope + "'");
        }
        return swish(number(spec, args, 0, 1.0));
    }

    private static Activation noArgs(String spec, String[] args, Activation activation) {
        if (args.length > 0) {
            throw new ConfigurationException("activation '" + spec + "' takes no parameters");
        }
        return activation;
    }

    private static double number(String spec, String[] args, int index, double fallback) {
        if (args.length <= index) {
            return fallback;
        }
        try {
            return Double.parseDouble(args[index].trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("activation '" + spec + "': parameter '" + args[index].trim() + "' is not a number");
        }
    }

    private static ConfigurationException unknown(String spec) {
        return new ConfigurationException("unknown activation '" + spec + "'; known: " + String.join(", ", NAMES));
    }

    static double requireInRange(String activation, String parameter, double value, double low, double high) {
        if (!(value >= low && value < high)) {
            throw new ConfigurationException(activation + ": " + parameter + " = " + value + " is outside [" + low + ", " + high + ")");
        }
        return value;
    }
}
