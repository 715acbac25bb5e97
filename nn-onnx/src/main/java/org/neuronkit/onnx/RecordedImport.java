package org.neuronkit.onnx;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;
import org.neuronkit.ModelFileException;
import org.neuronkit.NeuronKitException;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.ModelFile;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.proto.Onnx.GraphProto;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.onnx.proto.Onnx.TensorProto;

/**
 * Reads back a graph NeuronKit exported, through the architecture it recorded ({@link NeuronKitMetadata}): the
 * exact layers (maxout, dropout, batch norm, every activation, the loss) are rebuilt from the record, their
 * parameters taken from the initializers named and shaped as in a model file ({@code layers.<l>.<name>}) and
 * the normaliser from {@code normalizer.shift} and {@code normalizer.scale}, a regression model's target scaling
 * from {@code target_normalizer.shift} and {@code target_normalizer.scale}.
 *
 * <p>The record is trusted only as far as the graph confirms it: the rebuilt model is exported again and
 * must give this graph exactly (every node with its inputs, outputs and attributes, the graph's input and
 * output, every initializer with its values). So the imported network computes what the file's graph
 * computes; a graph edited after export, or a record that does not describe it, is refused naming the
 * first difference.
 */
final class RecordedImport {
    private static final String PARAMETER_PREFIX = "layers.";
    private static final String NORMALIZER_PREFIX = "normalizer.";
    private static final String TARGET_PREFIX = OnnxExport.TARGET_SCALING + ".";

    private RecordedImport() {
    }

    /**
     * The model recorded in {@code proto}, whose metadata holds {@code architecture}.
     *
     * @throws ModelFileException naming {@code file} and the initializer, the metadata or the node that is the problem
     */
    static ModelFile.Model read(ModelProto proto, String architecture, Path file) {
        String source = "file " + file;
        DataType dataType = dataType(architecture);
        Map<String, INDArray> parameters = new LinkedHashMap<>();
        Map<String, INDArray> normaliser = new LinkedHashMap<>();
        Map<String, INDArray> targets = new LinkedHashMap<>();
        for (TensorProto tensor : proto.getGraph().getInitializerList()) {
            String name = tensor.getName();
            boolean parameter = name.startsWith(PARAMETER_PREFIX) && name.indexOf('/') < 0;
            Map<String, INDArray> into = parameter ? parameters : name.startsWith(NORMALIZER_PREFIX) ? normaliser
                    : name.startsWith(TARGET_PREFIX) ? targets : null;
            if (into != null) {
                OnnxTensors.Values values = OnnxTensors.read(tensor, source + ": initializer '" + name + "'");
                INDArray array = Nd4j.createFromArray(values.data()).reshape(values.dims());
                into.put(name, parameter ? array.castTo(dataType) : array);
            }
        }
        Network network = ModelFile.network(architecture, parameters, file);
        ModelFile.Model model = new ModelFile.Model(network, normaliser(proto, NeuronKitMetadata.NORMALIZER, NORMALIZER_PREFIX, normaliser,
                source), null, NeuronKitMetadata.outputNames(proto, network.outputSize(), file),
                normaliser(proto, NeuronKitMetadata.TARGET_NORMALIZER, TARGET_PREFIX, targets, source));
        String difference = firstDifference(exported(model, source).getGraph(), proto.getGraph());
        if (difference != null) {
            network.close();
            throw new ModelFileException(source + ": the graph is not the one its NeuronKit record (metadata '"
                    + NeuronKitMetadata.ARCHITECTURE + "') describes: " + difference + "; without that metadata it would be"
                    + " imported by its ops");
        }
        return model;
    }

    /** The record's data type (FLOAT when it names none or no valid one: the model file's checks then name the problem). */
    private static DataType dataType(String architecture) {
        try {
            JsonNode type = new ObjectMapper().readTree(architecture).path("dataType");
            return type.isTextual() && type.textValue().equals("DOUBLE") ? DataType.DOUBLE : DataType.FLOAT;
        } catch (JsonProcessingException e) {
            return DataType.FLOAT;
        }
    }

    /** The normaliser whose spec is in metadata {@code key} and whose parameters are the initializers named {@code prefix}…, or null. */
    private static Normalizer normaliser(ModelProto proto, String key, String prefix, Map<String, INDArray> tensors, String source) {
        String spec = NeuronKitMetadata.get(proto, key);
        if (spec == null && tensors.isEmpty()) {
            return null;
        }
        if (spec == null) {
            throw new ModelFileException(source + ": initializers " + tensors.keySet() + " without a normaliser spec in metadata '"
                    + key + "'");
        }
        Map<String, INDArray> params = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> params.put(name.substring(prefix.length()), tensor));
        try {
            return Normalizer.restore(spec, params);
        } catch (DataException e) {
            throw new ModelFileException(source + ": metadata '" + key + "' and initializers "
                    + tensors.keySet() + ": " + e.getMessage(), e);
        }
    }

    private static ModelProto exported(ModelFile.Model model, String source) {
        try {
            return OnnxExport.toModel(model);
        } catch (NeuronKitException e) {
            throw new ModelFileException(source + ": the architecture recorded in metadata '" + NeuronKitMetadata.ARCHITECTURE
                    + "' cannot be exported: " + e.getMessage(), e);
        }
    }

    /** The first way {@code actual} differs from {@code expected} in its input, output, nodes or initializers, or null. */
    static String firstDifference(GraphProto expected, GraphProto actual) {
        if (!expected.getInputList().equals(actual.getInputList())) {
            return "its inputs are " + actual.getInputList().stream().map(v -> v.getName()).toList() + " with their types";
        }
        if (!expected.getOutputList().equals(actual.getOutputList())) {
            return "its outputs are " + actual.getOutputList().stream().map(v -> v.getName()).toList() + " with their types";
        }
        String nodes = firstDifference(expected.getNodeList(), actual.getNodeList(), "node", GraphChain::describe);
        return nodes != null ? nodes
                : firstDifference(expected.getInitializerList(), actual.getInitializerList(), "initializer", t -> "'" + t.getName() + "'");
    }

    private static <T> String firstDifference(List<T> expected, List<T> actual, String what,
            java.util.function.Function<T, String> describe) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            T want = i < expected.size() ? expected.get(i) : null;
            T got = i < actual.size() ? actual.get(i) : null;
            if (!Objects.equals(want, got)) {
                return what + " " + (i + 1) + " is " + (got == null ? "missing" : describe.apply(got)) + ", the record gives "
                        + (want == null ? "none" : describe.apply(want) + (got != null && describe.apply(got).equals(describe.apply(want))
                                ? " with other " + (what.equals("node") ? "inputs, outputs or attributes" : "type, shape or values") : ""));
            }
        }
        return null;
    }
}
