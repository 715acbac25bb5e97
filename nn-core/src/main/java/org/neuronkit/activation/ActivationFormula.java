package org.neuronkit.activation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuronkit.symbolic.Expr;

/**
 * An element-wise activation written once as a symbolic expression a = f(z) (docs/design.md, "Faces"): the
 * definition every path reads. The tests take their reference values and derivatives from it
 * ({@link #value()}, {@link #derivative()}), the GPU kernels' CUDA C is printed from it, and the ONNX
 * export translates it into a subgraph. The hand-written native op sequences of the CPU classes stay for
 * speed and are checked against it.
 *
 * <p>The expression's variables are the input {@link #INPUT z}, the hyper-parameters (leaky ReLU's γ, the
 * fixed β of swish), whose values {@link #parameters()} holds, and at most one learnable parameter
 * ({@link #learned()}, swish's β). Constants such as GELU's √(2/π) are bound as numbers when the formula is
 * built, so they are written once, in the class that uses them.
 *
 * @param name the registry name of the activation, e.g. {@code leakyrelu}
 * @param expression f in z, the hyper-parameters and the learnable parameter
 * @param parameters the hyper-parameters' values by variable name, in the order of the spec's arguments
 * @param learned the learnable parameter, or null
 */
public record ActivationFormula(String name, Expr expression, Map<String, Double> parameters, LearnedParameter learned) {

    /** The input variable of every formula. */
    public static final String INPUT = "z";

    /** Where a learnable parameter lives: one value for the layer, or one per neuron (a 1 × M row). */
    public enum Scope { PER_LAYER, PER_NEURON }

    /**
     * A learnable parameter of the activation.
     *
     * @param name its variable in the expression, e.g. {@code β}
     * @param scope one per layer or one per neuron
     * @param initial the value training starts from
     */
    public record LearnedParameter(String name, Scope scope, double initial) {
    }

    public ActivationFormula {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The variables of the expression that are neither z, a hyper-parameter nor the learnable parameter: none in a complete formula. */
    public List<String> unboundVariables() {
        return expression.variables().stream()
                .filter(v -> !v.equals(INPUT) && !parameters.containsKey(v) && (learned == null || !learned.name().equals(v))).toList();
    }

    /** The formula {@code text} in z with the given constants bound as numbers, e.g. {@code of("selu", "λ*z", Map.of("λ", 1.05))}. */
    static ActivationFormula of(String name, String text, Map<String, Double> constants) {
        return new ActivationFormula(name, Expr.parse(text).bind(constants).simplify(), Map.of(), null);
    }

    /** The formula {@code text} in z without constants. */
    static ActivationFormula of(String name, String text) {
        return of(name, text, Map.of());
    }

    /** This formula with the hyper-parameter {@code variable} = {@code value}. */
    ActivationFormula parameter(String variable, double value) {
        Map<String, Double> more = new LinkedHashMap<>(parameters);
        more.put(variable, value);
        return new ActivationFormula(name, expression, more, learned);
    }

    /** This formula with {@code variable} learned, per layer or per neuron, from {@code initial}. */
    ActivationFormula learned(String variable, Scope scope, double initial) {
        return new ActivationFormula(name, expression, parameters, new LearnedParameter(variable, scope, initial));
    }

    /** f with the hyper-parameters bound: an expression in z (and the learnable parameter, if any). */
    public Expr value() {
        return expression.bind(parameters).simplify();
    }

    /** ∂f/∂z, symbolically, with the hyper-parameters bound. */
    public Expr derivative() {
        return value().derivative(INPUT);
    }
}
