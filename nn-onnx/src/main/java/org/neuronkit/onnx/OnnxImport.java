package org.neuronkit.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.google.protobuf.InvalidProtocolBufferException;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.ModelFileException;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.ModelFile;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.onnx.proto.Onnx.NodeProto;
import org.neuronkit.onnx.proto.Onnx.TensorProto;
import org.neuronkit.onnx.proto.Onnx.TensorShapeProto;

/**
 * Reads an ONNX MLP graph, the form PyTorch's exporter writes for a stack of {@code nn.Linear} and
 * Keras's converters for a stack of {@code Dense} layers, into a NeuronKit {@link Network} that can
 * be evaluated, saved as a model file and trained further.
 *
 * <h2>What maps to what</h2>
 * <pre>
 *   Gemm(X, B, C; α, β, transB)   Dense layer: W = α·B (transB = 1, B is out × in) or α·Bᵀ (transB = 0), b = β·C
 *   MatMul(X, B) [+ Add(·, c)]    Dense layer: W = Bᵀ (B is in × out, as Keras stores it), b = c (0 without Add)
 *   Relu, Sigmoid, Tanh, Softplus, LeakyRelu, Elu, Selu, HardSigmoid, Clip
 *                                 the layer's activation: the registry activation whose formula is the op's
 *                                 ({@link OnnxFunction}, {@link ActivationImport}), e.g. LeakyRelu(α) is leakyrelu(γ = α)
 *   Softmax (over the last axis)  softmax
 *   Identity, Dropout             nothing (inference)
 *   Sub(c), Div(c) before the first layer   the input normaliser x' = (x − shift) / scale
 * </pre>
 * The last layer becomes the output layer, its loss chosen by its activation: softmax → softmax
 * cross-entropy, logistic → binary cross-entropy, none → squared error, any other → squared error
 * after that activation. Two affine maps in a row become a layer with the identity activation.
 * Weights are read as float32 (float64 tensors are rounded), so the network predicts what the graph
 * computes up to float rounding.
 *
 * <p>Why not {@code ModelFile.importOnnx}: reading ONNX needs protobuf and the classes generated
 * from {@code onnx.proto}, which would make every user of nn-core carry them; this module holds them.
 */
public final class OnnxImport {
    /** The op types the importer reads (besides Constant and ONNX's element-wise functions), in the order error messages list them. */
    private static final List<String> OPS = List.of("Gemm", "MatMul", "Add", "Softmax", "Identity", "Dropout", "Sub", "Div");
    private static final String SUPPORTED = String.join(", ", OPS.subList(0, OPS.size() - 2)) + ", "
            + OnnxFunction.VOCABULARY.stream().map(OnnxFunction::op).collect(Collectors.joining(", "))
            + " (and Sub, Div before the first layer, as the input normaliser)";

    /** The rows and the seed of the standard-normal probe every imported model must map to finite outputs. */
    private static final int PROBE_ROWS = 16;
    private static final long PROBE_SEED = 20;

    private final String source;
    private final GraphChain chain;
    private final int opset;
    private final ImportedLayers layers = new ImportedLayers();
    private float[] shift;
    private float[] scale;

    private OnnxImport(String source, GraphChain chain, int opset) {
        this.source = source;
        this.chain = chain;
        this.opset = opset;
    }

    /**
     * Reads the ONNX model in {@code file}.
     *
     * @return the network, its input normaliser (if the graph starts with Sub / Div by constants) and its output
     *         names (if NeuronKit's metadata records them)
     * @throws ModelFileException naming the file, and the node, initializer or metadata entry that is the problem
     */
    public static ModelFile.Model read(Path file) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFileException("file " + file + ": not an ONNX model: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFileException("file " + file + ": cannot read: " + e, e);
        }
        return fromModel(model, file);
    }

    /**
     * The model of an ONNX model already in memory: rebuilt from NeuronKit's record if the metadata holds one
     * ({@link RecordedImport}), else read node by node. Either way the result passes the checks of
     * {@link ModelFile#load}, so a model file written from it loads.
     *
     * @param file the file the model came from, named in error messages
     */
    public static ModelFile.Model fromModel(ModelProto model, Path file) {
        String source = "file " + file;
        if (!model.hasGraph()) {
            throw new ModelFileException(source + ": the ONNX model has no graph");
        }
        String architecture = NeuronKitMetadata.get(model, NeuronKitMetadata.ARCHITECTURE);
        return loadable(architecture != null ? RecordedImport.read(model, architecture, file) : byOps(model, file), file);
    }

    /** The model of a graph without NeuronKit's record, read node by node through the table of ops above. */
    private static ModelFile.Model byOps(ModelProto model, Path file) {
        String source = "file " + file;
        int opset = model.getOpsetImportList().stream().filter(o -> isDefaultDomain(o.getDomain()))
                .mapToInt(o -> (int) o.getVersion()).findFirst().orElse(1);
        for (NodeProto node : model.getGraph().getNodeList()) {
            boolean known = OPS.contains(node.getOpType()) || OnnxFunction.named(node.getOpType()).isPresent()
                    || node.getOpType().equals("Constant");
            if (!isDefaultDomain(node.getDomain()) || !known) {
                throw unsupported(node, source);
            }
        }
        OnnxImport reader = new OnnxImport(source, GraphChain.of(model.getGraph(), source), opset);
        for (NodeProto node : reader.chain.nodes()) {
            reader.add(node);
        }
        String spec = NeuronKitMetadata.get(model, NeuronKitMetadata.NORMALIZER);
        ModelFile.Model read = reader.build(spec == null ? "standardize" : spec);
        return new ModelFile.Model(read.network(), read.normalizer(), null,
                NeuronKitMetadata.outputNames(model, read.network().outputSize(), file));
    }

    /**
     * {@code model} after the checks {@link ModelFile#load} makes (finite parameters, a usable normaliser,
     * finite outputs on its probe input), and finite outputs for {@value #PROBE_ROWS} rows of standard-normal
     * (normalised) inputs, the values a sound model sees: it is saved to a temporary file and loaded back, so
     * an import never gives a model that its own model file would refuse, nor one whose weights overflow float32
     * on ordinary inputs (e.g. one weight of 7e37).
     */
    private static ModelFile.Model loadable(ModelFile.Model model, Path file) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile("neuronkit-import", ".safetensors");
            ModelFile.save(model.network(), model.normalizer(), null, model.outputNames(), temporary);
            ModelFile.load(temporary).network().close();
            Network network = model.network();
            INDArray probe = Nd4j.randn(PROBE_SEED, new long[] {PROBE_ROWS, network.inputSize()}).castTo(network.dataType());
            if (!Network.isFinite(network.output(probe))) {
                throw new ModelFileException("file " + temporary + ": the outputs for standard-normal inputs are not finite, first at "
                        + network.locateNonFinite() + ": the weights overflow float32");
            }
            return model;
        } catch (ModelFileException e) {
            model.network().close();
            throw new ModelFileException("file " + file + ": the imported model is refused as its model file would be: "
                    + e.getMessage().replace("file " + temporary + ": ", ""), e);
        } catch (IOException e) {
            throw new ModelFileException("file " + file + ": cannot check the imported model in a temporary file: " + e, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    temporary.toFile().deleteOnExit();
                }
            }
        }
    }

    private void add(NodeProto node) {
        switch (node.getOpType()) {
            case "Gemm" -> gemm(node);
            case "MatMul" -> matMul(node);
            case "Add" -> addBias(node);
            case "Softmax" -> softmax(node);
            case "Identity", "Dropout" -> { }
            case "Sub", "Div" -> normaliser(node);
            default -> activation(node, OnnxFunction.named(node.getOpType()).map(f -> elementWise(node, f))
                    .orElseThrow(() -> unsupported(node, source)));
        }
    }

    /** Y = α·A·op(B) + β·C with op(B) = Bᵀ when transB = 1. */
    private void gemm(NodeProto node) {
        requireFirstInputComputed(node);
        if (intAttribute(node, "transA", 0) != 0) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + " has transA = 1; NeuronKit imports Gemm on row batches (transA = 0)");
        }
        boolean transB = intAttribute(node, "transB", 0) != 0;
        OnnxTensors.Values b = weight(node);
        float alpha = floatAttribute(node, "alpha", 1f);
        int rows = (int) b.dims()[0];
        int columns = (int) b.dims()[1];
        float[][] w = transB ? new float[rows][columns] : new float[columns][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                float value = alpha * b.data()[r * columns + c];
                if (transB) {
                    w[r][c] = value;
                } else {
                    w[c][r] = value;
                }
            }
        }
        ImportedLayers.Affine layer = startLayer(node, w);
        if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            addToBias(node, layer, constant(node, 2, "bias"), floatAttribute(node, "beta", 1f));
        }
    }

    /** Y = A·B with B stored in × out. */
    private void matMul(NodeProto node) {
        requireFirstInputComputed(node);
        OnnxTensors.Values b = weight(node);
        int in = (int) b.dims()[0];
        int out = (int) b.dims()[1];
        float[][] w = new float[out][in];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                w[o][i] = b.data()[i * out + o];
            }
        }
        startLayer(node, w);
    }

    /** Y = X + c, the bias of the affine map just before it. */
    private void addBias(NodeProto node) {
        ImportedLayers.Affine layer = layers.last();
        if (layer == null || layer.closed) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node)
                    + " does not follow a MatMul or Gemm; NeuronKit imports Add only as the bias of an affine map");
        }
        int index = node.getInput(0).equals(previousOutput(node)) ? 1 : 0;
        addToBias(node, layer, constant(node, index, "bias"), 1f);
    }

    private void addToBias(NodeProto node, ImportedLayers.Affine layer, OnnxTensors.Values c, float beta) {
        float[] values = c.data();
        if (values.length != layer.out() && values.length != 1) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + ": bias '" + node.getInput(node.getInputCount() - 1)
                    + "' has shape " + c.shape() + ", the layer has " + layer.out() + " outputs");
        }
        for (int o = 0; o < layer.out(); o++) {
            layer.bias[o] += beta * values[values.length == 1 ? 0 : o];
        }
    }

    private ImportedLayers.Affine startLayer(NodeProto node, float[][] w) {
        int expected = layers.isEmpty() ? inputFeatures(w[0].length) : layers.last().out();
        if (w.length == 0 || w[0].length != expected) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + ": weight '" + node.getInput(1) + "' maps "
                    + (w.length == 0 ? 0 : w[0].length) + " inputs to " + w.length + " outputs, but the tensor before it has "
                    + expected + " columns");
        }
        return layers.start(w);
    }

    private void activation(NodeProto node, Activation activation) {
        ImportedLayers.Affine layer = layers.last();
        if (layer == null || layer.activation != null) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + (layer == null
                    ? " comes before any Gemm or MatMul" : " follows another activation")
                    + "; NeuronKit imports one activation after each affine map");
        }
        layer.activation = activation;
        layer.closed = true;
    }

    /** Softmax over the rows' entries: axis −1 or 1 of the N × M tensor. */
    private void softmax(NodeProto node) {
        long axis = intAttribute(node, "axis", opset >= 13 ? -1 : 1);
        if (axis != -1 && axis != 1) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + " has axis " + axis
                    + "; NeuronKit's softmax acts on each row (axis 1 or −1)");
        }
        activation(node, Activations.softmax());
    }

    /** x − shift then ÷ scale, by per-feature (or single) constants, before the first affine map. */
    private void normaliser(NodeProto node) {
        boolean sub = node.getOpType().equals("Sub");
        if (!layers.isEmpty() || scale != null || sub && shift != null) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + " is not where NeuronKit reads Sub and Div:"
                    + " only as the input normaliser before the first layer, one Sub (x − shift) then one Div (÷ scale)");
        }
        float[] values = constant(node, 1, "normaliser constant").data();
        if (sub) {
            shift = values;
        } else {
            scale = values;
        }
    }

    /**
     * The registry activation that computes the element-wise op {@code function} with the node's attributes
     * (float32, each read as the shortest decimal that gives it, so that 0.01f is 0.01 as NeuronKit wrote it).
     */
    private Activation elementWise(NodeProto node, OnnxFunction function) {
        Map<String, Double> values = new LinkedHashMap<>();
        int input = 1;
        for (Map.Entry<String, Double> attribute : function.defaults().entrySet()) {
            String name = attribute.getKey();
            boolean given = function.attributesAreInputs() ? node.getInputCount() > input && !node.getInput(input).isEmpty()
                    : node.getAttributeList().stream().anyMatch(a -> a.getName().equals(name));
            if (given) {
                float value = function.attributesAreInputs() ? scalar(node, input, name) : floatAttribute(node, name, Float.NaN);
                values.put(name, Double.parseDouble(Float.toString(value))); // 0.01f is 0.01
            } else {
                values.put(name, attribute.getValue());
            }
            input++;
        }
        try {
            return ActivationImport.read(function, values);
        } catch (ConfigurationException e) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + ": " + e.getMessage(), e);
        }
    }

    /** Input {@code index} of {@code node}, a constant with one value. */
    private float scalar(NodeProto node, int index, String what) {
        OnnxTensors.Values values = constant(node, index, what);
        if (values.data().length != 1) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + ": " + what + " '" + node.getInput(index)
                    + "' has the shape " + values.shape() + ", expected one value");
        }
        return values.data()[0];
    }

    /** The features per row: the graph input's second dimension if it is declared, else the first layer's inputs. */
    private int inputFeatures(int firstLayerInputs) {
        TensorShapeProto shape = chain.input().getType().getTensorType().getShape();
        if (shape.getDimCount() != 0 && shape.getDimCount() != 2) {
            throw new ModelFileException(source + ": the graph input '" + chain.input().getName() + "' has " + shape.getDimCount()
                    + " dimensions; NeuronKit imports networks on N × F feature matrices");
        }
        return shape.getDimCount() == 2 && shape.getDim(1).hasDimValue() ? (int) shape.getDim(1).getDimValue() : firstLayerInputs;
    }

    private ModelFile.Model build(String normaliserSpec) {
        if (layers.isEmpty()) {
            throw new ModelFileException(source + ": the graph has no Gemm or MatMul, so no layer to import");
        }
        Network network = layers.network();
        if (shift == null && scale == null) {
            return new ModelFile.Model(network, null);
        }
        int features = network.inputSize();
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("shift", Nd4j.createFromArray(broadcast(shift, 0f, features, "shift")).reshape(1, features));
        params.put("scale", Nd4j.createFromArray(broadcast(scale, 1f, features, "scale")).reshape(1, features));
        return new ModelFile.Model(network, Normalizer.restore(normaliserSpec, params));
    }

    private float[] broadcast(float[] values, float fallback, int features, String what) {
        float[] full = new float[features];
        if (values == null || values.length == 1) {
            Arrays.fill(full, values == null ? fallback : values[0]);
            return full;
        }
        if (values.length != features) {
            throw new ModelFileException(source + ": the input normaliser's " + what + " has " + values.length + " values, the network "
                    + features + " inputs");
        }
        return values;
    }

    private String previousOutput(NodeProto node) {
        int index = chain.nodes().indexOf(node);
        return index == 0 ? chain.input().getName() : chain.nodes().get(index - 1).getOutput(0);
    }

    private void requireFirstInputComputed(NodeProto node) {
        if (!node.getInput(0).equals(previousOutput(node))) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + " multiplies a constant by the data ("
                    + node.getInput(0) + " first); NeuronKit imports X·W with the batch X first");
        }
    }

    private OnnxTensors.Values constant(NodeProto node, int index, String what) {
        String name = node.getInputCount() > index ? node.getInput(index) : "";
        TensorProto tensor = chain.constant(name);
        if (tensor == null) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + " needs a constant " + what + " as input "
                    + (index + 1) + ", got " + (name.isEmpty() ? "none" : "'" + name + "'"));
        }
        return OnnxTensors.read(tensor, source + ": " + GraphChain.describe(node) + ": " + what + " '" + name + "'");
    }

    /** The constant weight matrix of a Gemm or MatMul: input 2, two dimensions, neither of them 0. */
    private OnnxTensors.Values weight(NodeProto node) {
        OnnxTensors.Values values = constant(node, 1, "weight");
        String problem = values.dims().length != 2 ? ", expected 2 dimensions"
                : values.dims()[0] == 0 || values.dims()[1] == 0 ? "; a layer needs at least one input and one output" : null;
        if (problem != null) {
            throw new ModelFileException(source + ": " + GraphChain.describe(node) + ": weight '" + node.getInput(1) + "' has the shape "
                    + values.shape() + problem);
        }
        return values;
    }

    private static float floatAttribute(NodeProto node, String name, float fallback) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name) && a.getType() == AttributeProto.AttributeType.FLOAT)
                .map(AttributeProto::getF).findFirst().orElse(fallback);
    }

    private static long intAttribute(NodeProto node, String name, long fallback) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name) && a.getType() == AttributeProto.AttributeType.INT)
                .map(AttributeProto::getI).findFirst().orElse(fallback);
    }

    private static ModelFileException unsupported(NodeProto node, String source) {
        return new ModelFileException(source + ": " + GraphChain.describe(node) + " is an op NeuronKit cannot import; supported: "
                + SUPPORTED);
    }

    private static boolean isDefaultDomain(String domain) {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }
}
