package org.neuronkit.onnx;

import static org.neuronkit.onnx.GraphWriter.floatAttribute;
import static org.neuronkit.onnx.GraphWriter.intAttribute;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;

/**
 * Writes an activation a = f(z) as ONNX nodes, from its {@link org.neuronkit.activation.Activation#spec()}
 * string: a single op where ONNX has one, composed ops where it has none (opset 13).
 *
 * <pre>
 *   logistic                 Sigmoid
 *   tanh                     Tanh
 *   hardlogistic             HardSigmoid(α = 0.25, β = 0.5)          max(0, min(1, 0.25z + 0.5))
 *   hardtanh                 Clip(−1, 1)
 *   relu                     Relu
 *   leakyrelu(γ)             LeakyRelu(α = γ)                        max(z, γz), 0 ≤ γ &lt; 1
 *   elu(γ)                   Elu(α = γ)
 *   softplus                 Softplus
 *   swish(β), gelu-sigmoid   Mul(z, β) → Sigmoid → Mul(·, z)        z σ(βz); β = 1.702 for gelu-sigmoid
 *   swish(learn[-neuron],β)  the same with β the layer's learned value(s), shape [1] or [M]
 *   gelu                     Mul(z, 1/√2) → Erf → Add 1 → Mul z → Mul ½   ½ z (1 + erf(z/√2))
 *   gelu-tanh                ½ z (1 + tanh(√(2/π) z (1 + 0.044715 z²)))
 *   identity                 nothing
 *   softmax                  Softmax(axis = −1), per row
 * </pre>
 */
final class ActivationExport {
    private static final Pattern CALL = Pattern.compile("([a-z-]+)\\s*(?:\\((.*)\\))?");
    private static final double GELU_SIGMOID_BETA = 1.702;
    private static final double GELU_TANH_C = Math.sqrt(2.0 / Math.PI);
    private static final double GELU_TANH_K = 0.044715;

    private ActivationExport() {
    }

    /**
     * Appends f(z) to the graph.
     *
     * @param spec the activation's spec string
     * @param learned the layer's learned activation parameters (swish's β, 1 or M values), or null
     * @param z the tensor of pre-activations, N × M
     * @param scope the prefix of the new nodes' names
     * @return the tensor holding f(z)
     */
    static String write(GraphWriter graph, String spec, INDArray learned, String z, String scope) {
        Matcher call = CALL.matcher(spec.trim().toLowerCase(Locale.ROOT));
        if (!call.matches()) {
            throw unsupported(spec);
        }
        String[] args = call.group(2) == null ? new String[0] : call.group(2).split(",");
        switch (call.group(1)) {
            case "logistic": return graph.node("Sigmoid", scope, z);
            case "tanh": return graph.node("Tanh", scope, z);
            case "hardlogistic":
                return graph.node("HardSigmoid", scope,
                        new AttributeProto[] {floatAttribute("alpha", 0.25), floatAttribute("beta", 0.5)}, z);
            case "hardtanh":
                return graph.node("Clip", scope, z, graph.scalar(scope + "/min", -1), graph.scalar(scope + "/max", 1));
            case "relu": return graph.node("Relu", scope, z);
            case "leakyrelu":
                return graph.node("LeakyRelu", scope, new AttributeProto[] {floatAttribute("alpha", number(spec, args, 0))}, z);
            case "elu":
                return graph.node("Elu", scope, new AttributeProto[] {floatAttribute("alpha", number(spec, args, 0))}, z);
            case "selu": return graph.node("Selu", scope, z);
            case "softplus": return graph.node("Softplus", scope, z);
            case "swish": return swish(graph, swishBeta(graph, spec, args, learned, scope), z, scope);
            case "gelu-sigmoid": return swish(graph, graph.scalar(scope + "/beta", GELU_SIGMOID_BETA), z, scope);
            case "gelu": return gelu(graph, z, scope);
            case "gelu-tanh": return geluTanh(graph, z, scope);
            case "identity": return z;
            case "softmax": return graph.node("Softmax", scope, new AttributeProto[] {intAttribute("axis", -1)}, z);
            default: throw unsupported(spec);
        }
    }

    /** β as a tensor: the fixed value as a scalar, or the learned values (shape [1] or [M], broadcast over rows). */
    private static String swishBeta(GraphWriter graph, String spec, String[] args, INDArray learned, String scope) {
        if (args.length > 0 && args[0].trim().startsWith("learn")) {
            if (learned == null) {
                throw new ConfigurationException("activation '" + spec + "' has no learned β to export");
            }
            return graph.parameter(scope + ".activation", learned);
        }
        return graph.scalar(scope + "/beta", number(spec, args, 0));
    }

    /** z σ(βz). */
    private static String swish(GraphWriter graph, String beta, String z, String scope) {
        String scaled = graph.node("Mul", scope, z, beta);
        return graph.node("Mul", scope, graph.node("Sigmoid", scope, scaled), z);
    }

    /** ½ z (1 + erf(z/√2)). */
    private static String gelu(GraphWriter graph, String z, String scope) {
        String erf = graph.node("Erf", scope, graph.node("Mul", scope, z, graph.scalar(scope + "/inv_sqrt2", 1 / Math.sqrt(2))));
        String onePlus = graph.node("Add", scope, erf, graph.scalar(scope + "/one", 1));
        return graph.node("Mul", scope, graph.node("Mul", scope, onePlus, z), graph.scalar(scope + "/half", 0.5));
    }

    /** ½ z (1 + tanh(√(2/π) z (1 + 0.044715 z²))), in the order NeuronKit computes it. */
    private static String geluTanh(GraphWriter graph, String z, String scope) {
        String one = graph.scalar(scope + "/one", 1);
        String u = graph.node("Mul", scope, z, z);
        u = graph.node("Mul", scope, u, graph.scalar(scope + "/k", GELU_TANH_K));
        u = graph.node("Add", scope, u, one);
        u = graph.node("Mul", scope, u, z);
        u = graph.node("Mul", scope, u, graph.scalar(scope + "/c", GELU_TANH_C));
        String onePlus = graph.node("Add", scope, graph.node("Tanh", scope, u), one);
        return graph.node("Mul", scope, graph.node("Mul", scope, onePlus, z), graph.scalar(scope + "/half", 0.5));
    }

    private static double number(String spec, String[] args, int index) {
        String text = args.length > index ? args[index].trim() : "";
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("activation '" + spec + "': cannot export it, parameter " + (index + 1)
                    + " is '" + text + "', not a number");
        }
    }

    private static ConfigurationException unsupported(String spec) {
        return new ConfigurationException("activation '" + spec + "' has no ONNX mapping");
    }
}
