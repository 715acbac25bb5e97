package org.neuronkit.onnx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.neuronkit.ModelFileException;
import org.neuronkit.io.ModelFile;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.onnx.proto.Onnx.StringStringEntryProto;

/**
 * What NeuronKit records in an exported model's {@code metadata_props} besides the graph, and reads back on import:
 * <pre>
 *   neuronkit.architecture   the model file's architecture JSON (layer specs with the loss, L1/L2, data type),
 *                            so that import rebuilds the exact layers ({@link RecordedImport})
 *   neuronkit.normalizer     the input normaliser's spec, e.g. standardize (its shift and scale are initializers)
 *   neuronkit.target_normalizer  a regression model's target scaling spec, e.g. standardize (its shift and scale
 *                            are initializers, undone after the output layer)
 *   neuronkit.output_names   the class names (or target names), a JSON array of one string per output
 * </pre>
 * Other consumers (ONNX Runtime, Netron) show these as plain key–value pairs and ignore them.
 */
final class NeuronKitMetadata {
    static final String ARCHITECTURE = "neuronkit.architecture";
    static final String NORMALIZER = "neuronkit.normalizer";
    static final String TARGET_NORMALIZER = "neuronkit.target_normalizer";
    static final String OUTPUT_NAMES = "neuronkit.output_names";
    private static final ObjectMapper JSON = new ObjectMapper();

    private NeuronKitMetadata() {
    }

    /**
     * Adds the record of {@code model} to {@code proto}: its architecture, normaliser spec, target scaling spec and
     * output names (each of the last three if it has one).
     */
    static void write(ModelProto.Builder proto, ModelFile.Model model) {
        put(proto, ARCHITECTURE, ModelFile.architecture(model.network()));
        if (model.normalizer() != null) {
            put(proto, NORMALIZER, model.normalizer().spec());
        }
        if (model.targetScaling() != null) {
            put(proto, TARGET_NORMALIZER, model.targetScaling().spec());
        }
        if (!model.outputNames().isEmpty()) {
            put(proto, OUTPUT_NAMES, JSON.valueToTree(model.outputNames()).toString());
        }
    }

    private static void put(ModelProto.Builder proto, String key, String value) {
        proto.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
    }

    /** The value of {@code key} in {@code proto}'s metadata, or null if it has none. */
    static String get(ModelProto proto, String key) {
        return proto.getMetadataPropsList().stream().filter(p -> p.getKey().equals(key)).map(StringStringEntryProto::getValue)
                .findFirst().orElse(null);
    }

    /**
     * The output names recorded in {@code proto}, or an empty list if none are.
     *
     * @throws ModelFileException naming {@code file} and the key if the value is not a JSON array of {@code outputs} strings
     */
    static List<String> outputNames(ModelProto proto, int outputs, Path file) {
        String json = get(proto, OUTPUT_NAMES);
        if (json == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try {
            JsonNode node = JSON.readTree(json);
            if (node != null && node.isArray()) {
                node.forEach(n -> names.add(n.isTextual() ? n.textValue() : null));
            }
            if (node == null || !node.isArray() || names.contains(null) || names.size() != outputs) {
                names.clear();
            }
        } catch (JsonProcessingException e) {
            names.clear();
        }
        if (names.isEmpty()) {
            throw new ModelFileException("file " + file + ": metadata '" + OUTPUT_NAMES + "' is " + abbreviated(json)
                    + ", expected a JSON array of " + outputs + " strings (one per output)");
        }
        return names;
    }

    /** {@code text}, cut to 200 characters for an error message. */
    static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
