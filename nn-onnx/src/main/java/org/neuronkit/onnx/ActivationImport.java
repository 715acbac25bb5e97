package org.neuronkit.onnx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.ActivationFormula;
import org.neuronkit.activation.Activations;
import org.neuronkit.symbolic.Expr;

/**
 * Reads an ONNX element-wise op as a registry activation: the first activation among
 * {@link Activations#REGISTRY}'s examples whose formula matches the op's ({@link OnnxFunction#match}),
 * where every number the op's attributes meet in the registry's formula agrees with the node's value (to
 * float precision), and every hyper-parameter they meet takes the node's value. So {@code LeakyRelu(alpha = 0.2)}
 * is {@code leakyrelu(0.2)}, {@code Selu} with ONNX's default constants is {@code selu}, and
 * {@code HardSigmoid} with ONNX's default slope 0.2 is refused: NeuronKit's hard logistic has the slope 0.25.
 */
final class ActivationImport {
    /** Relative agreement of a float32 attribute with a number of the registry's formula. */
    private static final double AGREEMENT = 1e-6;

    private ActivationImport() {
    }

    /**
     * The registry activation that computes {@code function} with the attribute {@code values} (each
     * attribute's, defaults filled in).
     *
     * @throws ConfigurationException saying what the op computes if no registry activation does, or why the
     *         matching one refuses the values
     */
    static Activation read(OnnxFunction function, Map<String, Double> values) {
        values.forEach((name, value) -> {
            if (!function.inRange(value)) {
                throw new ConfigurationException(name + " = " + value + " is outside the range where " + function.op() + " is "
                        + function.formula() + ", so it is no NeuronKit activation");
            }
        });
        for (String example : Activations.REGISTRY.examples()) {
            Optional<ActivationFormula> formula = Activations.parse(example).formula();
            Optional<Map<String, Expr>> match = formula.flatMap(function::match);
            if (match.isPresent()) {
                Map<String, Double> parameters = new LinkedHashMap<>(formula.get().parameters());
                boolean agrees = match.get().entrySet().stream().allMatch(b -> bind(b.getValue(), values.get(b.getKey()), parameters));
                if (agrees) {
                    return Activations.parse(spec(formula.get().name(), parameters));
                }
            }
        }
        throw new ConfigurationException(function.op() + values.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining(", ", values.isEmpty() ? "" : " with ", "")) + " computes "
                + function.formula().bind(values).simplify() + ", which is no activation of NeuronKit's registry");
    }

    /** Whether the node's {@code value} fits {@code bound}: equal to its number, or set as its hyper-parameter. */
    private static boolean bind(Expr bound, double value, Map<String, Double> parameters) {
        if (bound instanceof Expr.Num n) {
            return Math.abs(n.value() - value) <= AGREEMENT * Math.max(1, Math.abs(n.value()));
        }
        parameters.put(((Expr.Var) bound).name(), value);
        return true;
    }

    /** The spec {@code name(p1,p2,…)} with the hyper-parameters in their order, which is the spec's. */
    private static String spec(String name, Map<String, Double> parameters) {
        return parameters.isEmpty() ? name
                : name + parameters.values().stream().map(String::valueOf).collect(Collectors.joining(",", "(", ")"));
    }
}
