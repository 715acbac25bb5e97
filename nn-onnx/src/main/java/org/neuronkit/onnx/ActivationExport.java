package org.neuronkit.onnx;

import static org.neuronkit.onnx.GraphWriter.floatAttribute;
import static org.neuronkit.onnx.GraphWriter.intAttribute;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.ActivationFormula;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.symbolic.Expr;

/**
 * Writes an activation a = f(z) as ONNX nodes from its formula ({@link Activation#formula()}), the one
 * definition of f: the single op of ONNX's vocabulary whose formula is f's ({@link OnnxFunction}), else f's
 * expression translated node by node:
 * <pre>
 *   number                   a float32 scalar initializer          z          the layer's pre-activations
 *   learned parameter (β)    the layer's parameter, layers.&lt;l&gt;.activation, [1] or [M] (broadcast over the rows)
 *   −u, exp, log, sqrt, sin, cos, tanh, σ, |u|, erf     Neg, Exp, Log, Sqrt, Sin, Cos, Tanh, Sigmoid, Abs, Erf
 *   u + v, u − v, u·v, u / v, u ^ v, max(u, v), min(u, v)   Add, Sub, Mul, Div, Pow, Max, Min
 *   ifpos(t, u, v)           Where(Greater(t, 0), u, v)
 * </pre>
 * A subexpression that occurs twice is computed once. Softmax, which acts on each row and has no formula, is
 * {@code Softmax(axis = −1)}.
 */
final class ActivationExport {
    private final GraphWriter graph;
    private final String scope;
    private final Map<Expr, String> computed = new HashMap<>();

    private ActivationExport(GraphWriter graph, String scope) {
        this.graph = graph;
        this.scope = scope;
    }

    /**
     * Appends f(z) to the graph.
     *
     * @param learned the layer's learned activation parameter (swish's β, 1 or M values), or null
     * @param z the tensor of pre-activations, N × M
     * @param scope the layer, e.g. {@code layers.0}: the prefix of the new nodes' names
     * @return the tensor holding f(z)
     * @throws ConfigurationException naming the activation if it has neither a formula nor an ONNX op
     */
    static String write(GraphWriter graph, Activation activation, INDArray learned, String z, String scope) {
        Optional<ActivationFormula> formula = activation.formula();
        if (formula.isEmpty()) {
            if (activation.spec().equals("softmax")) {
                return graph.node("Softmax", scope, new AttributeProto[] {intAttribute("axis", -1)}, z);
            }
            throw new ConfigurationException("activation '" + activation.spec() + "' has no formula, so no ONNX form");
        }
        ActivationFormula f = formula.get();
        for (OnnxFunction function : OnnxFunction.VOCABULARY) {
            Optional<Map<String, Double>> attributes = function.match(f).map(b -> values(b, f));
            if (attributes.isPresent() && attributes.get().values().stream().allMatch(function::inRange)) {
                return single(graph, function, attributes.get(), z, scope);
            }
        }
        ActivationExport export = new ActivationExport(graph, scope);
        export.computed.put(new Expr.Var(ActivationFormula.INPUT), z);
        if (f.learned() != null) {
            if (learned == null) {
                throw new ConfigurationException("activation '" + activation.spec() + "' has no learned " + f.learned().name() + " to export");
            }
            export.computed.put(new Expr.Var(f.learned().name()), graph.parameter(scope + ".activation", learned));
        }
        return export.tensor(f.value());
    }

    /** Each attribute's value: the number it matched, or the activation's hyper-parameter. */
    private static Map<String, Double> values(Map<String, Expr> bindings, ActivationFormula f) {
        Map<String, Double> values = new HashMap<>();
        bindings.forEach((attribute, bound) -> values.put(attribute,
                bound instanceof Expr.Num n ? n.value() : f.parameters().get(((Expr.Var) bound).name())));
        return values;
    }

    /** The op {@code function} with its attributes (or, for Clip, its scalar inputs) in the vocabulary's order. */
    private static String single(GraphWriter graph, OnnxFunction function, Map<String, Double> values, String z, String scope) {
        String[] inputs = new String[1 + (function.attributesAreInputs() ? function.defaults().size() : 0)];
        AttributeProto[] attributes = new AttributeProto[function.attributesAreInputs() ? 0 : function.defaults().size()];
        inputs[0] = z;
        int i = 0;
        for (String name : function.defaults().keySet()) {
            double value = values.getOrDefault(name, function.defaults().get(name));
            if (function.attributesAreInputs()) {
                inputs[1 + i] = graph.scalar(scope + "/" + name, value);
            } else {
                attributes[i] = floatAttribute(name, value);
            }
            i++;
        }
        return graph.node(function.op(), scope, attributes, inputs);
    }

    /** The tensor holding {@code e}, its nodes added once. */
    private String tensor(Expr e) {
        String known = computed.get(e);
        if (known != null) {
            return known;
        }
        String name;
        if (e instanceof Expr.Num n) {
            name = graph.scalar(scope + "/c", n.value());
        } else if (e instanceof Expr.Call c) {
            name = graph.node(op(c.fn()), scope, tensor(c.arg()));
        } else if (e instanceof Expr.Binary b) {
            name = graph.node(op(b.op()), scope, tensor(b.left()), tensor(b.right()));
        } else if (e instanceof Expr.Select s) {
            String positive = graph.node("Greater", scope, tensor(s.test()), tensor(new Expr.Num(0)));
            name = graph.node("Where", scope, positive, tensor(s.positive()), tensor(s.otherwise()));
        } else {
            throw new ConfigurationException("the formula's variable " + e + " is neither z nor a learned parameter");
        }
        computed.put(e, name);
        return name;
    }

    private static String op(Expr.Fn fn) {
        return switch (fn) {
            case NEG -> "Neg";
            case EXP -> "Exp";
            case LOG -> "Log";
            case SIN -> "Sin";
            case COS -> "Cos";
            case SQRT -> "Sqrt";
            case TANH -> "Tanh";
            case SIGMA -> "Sigmoid";
            case ABS -> "Abs";
            case ERF -> "Erf";
        };
    }

    private static String op(Expr.Op op) {
        return switch (op) {
            case ADD -> "Add";
            case SUB -> "Sub";
            case MUL -> "Mul";
            case DIV -> "Div";
            case POW -> "Pow";
            case MAX -> "Max";
            case MIN -> "Min";
        };
    }
}
