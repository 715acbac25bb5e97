package org.neuronkit.onnx;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.neuronkit.activation.ActivationFormula;
import org.neuronkit.symbolic.Expr;

/**
 * An ONNX operator that computes an element-wise function of one tensor in a single node, with that function
 * written in NeuronKit's symbolic language ({@link Expr}, in z) and its attributes as variables: ONNX's own
 * vocabulary (the definitions of onnx/docs/Operators.md, opset 13), not a list of NeuronKit's activations.
 * Export writes an activation as the op whose formula matches the activation's ({@link #match}); import reads
 * the op as the registry activation whose formula matches it.
 *
 * <pre>
 *   Relu                      max(z, 0)
 *   Sigmoid                   sigma(z)
 *   Tanh                      tanh(z)
 *   Softplus                  log(1 + exp(z)), written max(z, 0) + log(1 + exp(−|z|)) so that it does not overflow
 *   LeakyRelu(alpha = 0.01)   z for z ≥ 0, alpha·z below: max(z, alpha·z) for 0 ≤ alpha ≤ 1
 *   Elu(alpha = 1)            z for z &gt; 0, alpha·(exp(z) − 1) below: max(z, 0) + min(0, alpha·(exp(z) − 1)) for alpha ≥ 0
 *   Selu(alpha, gamma)        gamma·(max(z, 0) + min(0, alpha·(exp(z) − 1))), defaults alpha ≈ 1.67326, gamma ≈ 1.05070
 *   HardSigmoid(alpha = 0.2, beta = 0.5)   max(min(alpha·z + beta, 1), 0)
 *   Clip(low, high)           max(min(z, high), low); low and high are its inputs 2 and 3 (scalars), not attributes
 * </pre>
 *
 * @param op the ONNX op type
 * @param formula the function in z and the attribute variables
 * @param defaults each attribute's default value, in the order the attributes (or Clip's inputs) are written
 * @param attributesAreInputs whether the attributes are the node's further inputs (Clip) rather than attributes
 * @param range the attribute range over which the formula is ONNX's function (for LeakyRelu and Elu), or null
 */
record OnnxFunction(String op, Expr formula, Map<String, Double> defaults, boolean attributesAreInputs, double[] range) {

    /** ONNX's element-wise functions of one tensor, in the order export tries them. */
    static final List<OnnxFunction> VOCABULARY = List.of(
            of("Relu", "max(z, 0)"),
            of("Sigmoid", "sigma(z)"),
            of("Tanh", "tanh(z)"),
            of("Softplus", "max(z, 0) + log(1 + exp(-abs(z)))"),
            of("LeakyRelu", "max(z, alpha*z)", new double[] {0, 1}, "alpha", 0.01),
            of("Elu", "max(z, 0) + min(0, alpha*(exp(z) - 1))", new double[] {0, Double.MAX_VALUE}, "alpha", 1.0),
            of("Selu", "gamma*(max(z, 0) + min(0, alpha*(exp(z) - 1)))", null, "alpha", 1.67326319217681884765625,
                    "gamma", 1.05070102214813232421875),
            of("HardSigmoid", "max(min(alpha*z + beta, 1), 0)", null, "alpha", 0.2, "beta", 0.5),
            new OnnxFunction("Clip", formula("max(min(z, high), low)"), ordered("low", -Float.MAX_VALUE, "high", Float.MAX_VALUE), true,
                    null));

    private static OnnxFunction of(String op, String text) {
        return new OnnxFunction(op, formula(text), Map.of(), false, null);
    }

    private static OnnxFunction of(String op, String text, double[] range, Object... defaults) {
        return new OnnxFunction(op, formula(text), ordered(defaults), false, range);
    }

    private static Expr formula(String text) {
        return Expr.parse(text).simplify();
    }

    private static Map<String, Double> ordered(Object... namesAndValues) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).doubleValue());
        }
        return map;
    }

    /** The op of {@code type} in the vocabulary, if it is one. */
    static Optional<OnnxFunction> named(String type) {
        return VOCABULARY.stream().filter(f -> f.op.equals(type)).findFirst();
    }

    /**
     * How this op's formula matches {@code activation}'s: each attribute bound to a number or to one of the
     * activation's hyper-parameters (a {@link Expr.Var}); empty if the formulas differ in form, or an attribute
     * would take swish's learned β (an attribute is a constant).
     */
    Optional<Map<String, Expr>> match(ActivationFormula activation) {
        Map<String, Expr> bindings = new HashMap<>();
        boolean same = unify(formula, activation.expression(), bindings)
                && bindings.values().stream().allMatch(b -> b instanceof Expr.Num || activation.parameters().containsKey(((Expr.Var) b).name()));
        return same ? Optional.of(bindings) : Optional.empty();
    }

    /** Whether {@code value} of {@code attribute} is one for which the formula is ONNX's function. */
    boolean inRange(double value) {
        return range == null || value >= range[0] && value <= range[1];
    }

    /** Whether {@code pattern} (attributes as variables) and {@code target} are one expression, binding the attributes. */
    private boolean unify(Expr pattern, Expr target, Map<String, Expr> bindings) {
        if (pattern instanceof Expr.Var var && defaults.containsKey(var.name())) {
            boolean bindable = target instanceof Expr.Num || target instanceof Expr.Var t && !t.name().equals(ActivationFormula.INPUT);
            return bindable && bindings.merge(var.name(), target, (a, b) -> a.equals(b) ? a : null) != null;
        }
        if (pattern instanceof Expr.Call p && target instanceof Expr.Call t) {
            return p.fn() == t.fn() && unify(p.arg(), t.arg(), bindings);
        }
        if (pattern instanceof Expr.Binary p && target instanceof Expr.Binary t) {
            return p.op() == t.op() && unify(p.left(), t.left(), bindings) && unify(p.right(), t.right(), bindings);
        }
        if (pattern instanceof Expr.Select p && target instanceof Expr.Select t) {
            return unify(p.test(), t.test(), bindings) && unify(p.positive(), t.positive(), bindings)
                    && unify(p.otherwise(), t.otherwise(), bindings);
        }
        return pattern.equals(target);
    }
}
