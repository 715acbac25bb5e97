package org.neuronkit.onnx;

import static org.neuronkit.onnx.GraphWriter.floatAttribute;
import static org.neuronkit.onnx.GraphWriter.intAttribute;
import static org.neuronkit.onnx.GraphWriter.intsAttribute;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.InputEncoding;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.AtomicFiles;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.BatchNorm;
import org.neuronkit.layer.Dense;
import org.neuronkit.layer.Dropout;
import org.neuronkit.layer.Layer;
import org.neuronkit.layer.Maxout;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.onnx.proto.Onnx.OperatorSetIdProto;

/**
 * Writes a trained {@link Network} and its input {@link Normalizer} as one ONNX model (opset 13,
 * float32), so that ONNX Runtime and other ONNX consumers compute what {@code ModelFile.Model#output}
 * computes from the same raw features.
 *
 * <h2>The graph</h2>
 * <pre>
 *   input  [N, F]  raw features
 *   Sub(shift) → Div(scale)                    the normaliser, x' = (x − shift) / scale, if there is one
 *   per Dense layer:   Gemm(W, b, transB = 1)  → the activation's nodes ({@link ActivationExport})
 *   per Maxout layer:  Gemm(W, b, transB = 1)  [N, K·M] → Reshape [N, K, M] → ReduceMax(axes = 1)  [N, M]
 *   per Dropout layer: nothing (inference is the identity)
 *   per BatchNorm layer: BatchNormalization(γ, β, μ_run, σ²_run, epsilon)  inference mode, the running averages
 *   Mul(scale) → Add(shift)                    a regression model's target scaling undone, ŷ = ŷ'·scale + shift, if it has one
 *   output [N, C]  the output layer's activation: softmax probabilities, logistic probabilities,
 *                  or the raw values of a squared-error output (in the targets' own units)
 * </pre>
 * W is stored M_l × M_{l−1} as in NeuronKit (Gemm with {@code transB = 1} computes X Wᵀ + b). A
 * maxout layer's row k·M + m holds piece k of unit m, so the Gemm's output reshaped row-major to
 * [N, K, M] puts the pieces of unit m along axis 1.
 *
 * <p>Initializers named {@code layers.<l>.<name>} are exactly the layers' parameters, named and shaped as in
 * a model file (a bias is a row [1, M], which Gemm broadcasts), {@code normalizer.shift}, {@code normalizer.scale}
 * the normaliser's, and {@code target_normalizer.shift}, {@code target_normalizer.scale} the target scaling's; every other constant is named {@code <scope>/<what>}. The metadata records the
 * architecture, the normaliser's spec and the output names ({@link NeuronKitMetadata}), so that
 * {@link OnnxImport} rebuilds the exact model.
 */
public final class OnnxExport {
    /** The ONNX operator set the exported graphs use. */
    public static final int OPSET = 13;
    /** IR version 7, the one that goes with opset 13. */
    static final long IR_VERSION = 7;
    /** The name of the graph's input, N × F raw features. */
    public static final String INPUT = "input";
    /** The name of the graph's output, N × C. */
    public static final String OUTPUT = "output";
    /** The scope of the nodes and the prefix of the initializers that undo a regression model's target scaling. */
    static final String TARGET_SCALING = "target_normalizer";

    private OnnxExport() {
    }

    /**
     * Writes {@code network} with {@code normalizer} (null if the inputs are used as they are) to
     * {@code file}, atomically.
     *
     * @throws ConfigurationException if a layer or activation has no ONNX mapping
     */
    public static void write(Network network, Normalizer normalizer, Path file) {
        write(new ModelFile.Model(network, normalizer), file);
    }

    /** Writes {@code model}, its output names (class names) included, to {@code file}, atomically. */
    public static void write(ModelFile.Model model, Path file) {
        byte[] bytes = toModel(model).toByteArray();
        AtomicFiles.write(file, channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    /** The ONNX model of {@code network} and {@code normalizer} (null for none). */
    public static ModelProto toModel(Network network, Normalizer normalizer) {
        return toModel(new ModelFile.Model(network, normalizer));
    }

    /** The ONNX model of {@code model}: the graph, and NeuronKit's record of it in the metadata ({@link NeuronKitMetadata}). */
    public static ModelProto toModel(ModelFile.Model model) {
        refuseInputEncoding(model);
        Network network = model.network();
        GraphWriter graph = new GraphWriter("neuronkit");
        graph.input(INPUT, network.inputSize());
        String x = INPUT;
        if (model.normalizer() != null) {
            Map<String, INDArray> params = model.normalizer().params();
            x = graph.node("Sub", "normalizer", x, graph.constant("normalizer.shift", params.get("shift"), network.inputSize()));
            x = graph.node("Div", "normalizer", x, graph.constant("normalizer.scale", params.get("scale"), network.inputSize()));
        }
        for (int l = 0; l < network.layers().size(); l++) {
            x = layer(graph, network.layers().get(l), l, x);
        }
        if (model.targetScaling() != null) {
            Map<String, INDArray> params = model.targetScaling().params();
            x = graph.node("Mul", TARGET_SCALING, x, graph.constant(TARGET_SCALING + ".scale", params.get("scale"), network.outputSize()));
            x = graph.node("Add", TARGET_SCALING, x, graph.constant(TARGET_SCALING + ".shift", params.get("shift"), network.outputSize()));
        }
        graph.output(x, OUTPUT, network.outputSize());
        ModelProto.Builder proto = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("NeuronKit")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph.build());
        NeuronKitMetadata.write(proto, model);
        return proto.build();
    }

    /**
     * A model whose raw input columns are encoded ({@code input_encoding}: one-hot categorical columns, or
     * missing values filled with training means) is refused: the graph takes the network's F numeric
     * features, and a graph without that step would give wrong answers on the raw rows the model takes.
     */
    static void refuseInputEncoding(ModelFile.Model model) {
        if (model.input() == null || !model.input().transforms()) {
            return;
        }
        List<String> what = new ArrayList<>();
        List<String> categorical = model.input().columns().stream().filter(InputEncoding.Column::categorical).map(InputEncoding.Column::name)
                .toList();
        if (!categorical.isEmpty()) {
            what.add("one-hot categorical columns " + String.join(", ", categorical));
        }
        if (model.input().missingMeans() != null) {
            what.add("missing values filled with training means (--missing mean)");
        }
        throw new ConfigurationException("the model's input encoding (" + String.join("; ", what) + ") has no ONNX export: the graph"
                + " would take the encoded numeric features, not the raw rows the model takes. Serve it with predict or Predictor.");
    }

    private static String layer(GraphWriter graph, Layer layer, int index, String x) {
        String scope = "layers." + index;
        if (layer instanceof Dense dense) {
            String z = gemm(graph, scope, x, dense.weights(), dense.bias());
            return ActivationExport.write(graph, dense.activation(), dense.parameterViews().get("activation"), z, scope);
        }
        if (layer instanceof Maxout maxout) {
            String z = gemm(graph, scope, x, maxout.weights(), maxout.bias());
            String pieces = graph.node("Reshape", scope, z,
                    graph.int64s(scope + "/shape", -1, maxout.pieces(), maxout.outputSize()));
            return graph.node("ReduceMax", scope, new AttributeProto[] {intsAttribute("axes", 1), intAttribute("keepdims", 0)},
                    pieces);
        }
        if (layer instanceof Dropout) {
            return x;
        }
        if (layer instanceof BatchNorm norm) {
            return batchNormalization(graph, scope, x, norm);
        }
        throw new ConfigurationException("layer " + index + " (" + layer.describe() + ") has no ONNX mapping");
    }

    /** y = γ (x − μ_run) / √(σ²_run + ε) + β: ONNX's BatchNormalization on [N, M], whose channel axis 1 is the features. */
    private static String batchNormalization(GraphWriter graph, String scope, String x, BatchNorm norm) {
        return graph.node("BatchNormalization", scope, new AttributeProto[] {floatAttribute("epsilon", norm.epsilon())}, x,
                graph.parameter(scope + ".gamma", norm.gamma()), graph.parameter(scope + ".beta", norm.beta()),
                graph.parameter(scope + ".running_mean", norm.runningMean()),
                graph.parameter(scope + ".running_var", norm.runningVariance()));
    }

    /** X Wᵀ + b with W (out × in) and b (1 × out, broadcast over the rows) as initializers. */
    private static String gemm(GraphWriter graph, String scope, String x, INDArray weights, INDArray bias) {
        String w = graph.parameter(scope + ".weight", weights);
        String b = graph.parameter(scope + ".bias", bias);
        return graph.node("Gemm", scope, new AttributeProto[] {intAttribute("transB", 1)}, x, w, b);
    }
}
