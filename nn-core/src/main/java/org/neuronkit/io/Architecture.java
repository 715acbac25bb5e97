package org.neuronkit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.neuronkit.ModelFileException;
import org.neuronkit.NeuronKitException;
import org.neuronkit.layer.Layer;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.Layers;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's structure as JSON, and the network rebuilt from it and its tensors. Format version 2
 * stores the layers' {@link LayerSpec}s, each with its {@link Layers#REGISTRY} name as {@code type}:
 * <pre>{@code
 * {"inputSize":784, "dataType":"FLOAT", "l2":1.0E-4, "l1":0.0,
 *  "layers":[{"type":"dense",   "units":256, "activation":"relu"},
 *            {"type":"dropout", "rate":0.2,  "seed":42000126},
 *            {"type":"maxout",  "units":64,  "pieces":3},
 *            {"type":"output",  "units":10,  "loss":"softmax-cross-entropy"}]}
 * }</pre>
 * Version 1 wrote {@code inputSize} and {@code outputSize} in every layer and the loss at the top,
 * with the output layer's activation; {@link #upgradeVersion1} turns it into version 2.
 * Layer l's parameters are the tensors {@code layers.l.<name>} for each of its
 * {@link Layer#parameterViews()} ({@code weight}, {@code bias}, {@code activation}).
 */
final class Architecture {
    /** The prefix of every layer parameter's tensor name. */
    static final String LAYER_PREFIX = "layers.";
    private static final TypeReference<List<LayerSpec>> SPECS = new TypeReference<>() {
    };

    private Architecture() {
    }

    /** {@link SpecJson#layerSpecs()}: knows every spec record registered now (a registry may grow after this class loads). */
    private static ObjectMapper mapper() {
        return SpecJson.layerSpecs();
    }

    static String tensorName(int layer, String parameter) {
        return LAYER_PREFIX + layer + "." + parameter;
    }

    static String toJson(Network network) {
        ObjectMapper json = mapper();
        try {
            ObjectNode root = json.createObjectNode();
            root.put("inputSize", network.inputSize());
            root.put("dataType", network.dataType().name());
            root.put("l2", network.l2());
            root.put("l1", network.l1());
            root.set("layers", json.readTree(json.writerFor(SPECS).writeValueAsString(network.specs())));
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new ModelFileException("cannot encode the architecture: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Builds the network described by {@code json} (of format {@code version}, 1 or 2), with its
     * parameters not yet filled (zero, no initial values drawn), after checking it against the {@code tensors} a file's header
     * announces: the layers' parameter count must be the number of values the file's layer tensors
     * hold before the network is allocated (so the allocation is bounded by what the file holds),
     * and afterwards the file's {@code layers.*} tensors must be exactly the network's parameters, by
     * name, shape and dtype.
     */
    static Network build(String json, int version, Map<String, SafeTensors.TensorInfo> tensors, Path file) {
        ObjectMapper mapper = mapper();
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw SafeTensors.notJson(file, "architecture", e);
        }
        if (root == null || !root.isObject()) {
            throw fail(file, "the architecture is not a JSON object");
        }
        int inputSize = positiveInt(root, "inputSize", "architecture", file);
        DataType dataType = dataType(text(root, "dataType", "architecture", file), file);
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray() || layers.isEmpty()) {
            throw fail(file, "architecture has no layers");
        }
        List<long[]> sizes = version == 1 ? upgradeVersion1((ObjectNode) root, file) : List.of();
        List<LayerSpec> specs;
        try {
            specs = mapper.convertValue(root.get("layers"), SPECS);
        } catch (IllegalArgumentException e) {
            throw fail(file, "the architecture's layers do not match their specs: " + e.getMessage());
        }
        Network network;
        try {
            NetworkBuilder builder = Network.builder(inputSize).dataType(dataType).l2(number(root, "l2", file))
                    .l1(root.has("l1") ? number(root, "l1", file) : 0); // files written before L1 have none
            specs.forEach(builder::add);
            long stored = tensors.entrySet().stream().filter(t -> t.getKey().startsWith(LAYER_PREFIX))
                    .mapToLong(t -> t.getValue().length()).sum();
            if (builder.parameterCount() != stored) {
                throw fail(file, String.format(Locale.ROOT, "the architecture has %,d parameters, the file's layer tensors hold %,d values",
                        builder.parameterCount(), stored));
            }
            network = builder.buildUninitialized();
        } catch (ModelFileException e) {
            throw e;
        } catch (NeuronKitException e) {
            throw new ModelFileException("file " + file + ": the architecture is invalid: " + e.getMessage(), e);
        }
        checkSizes(network, sizes, file);
        checkParameterTensors(network, tensors, file);
        return network;
    }

    /**
     * Rewrites a version 1 architecture as version 2, in place, and returns each layer's recorded
     * {inputSize, outputSize} for {@link #checkSizes}: every layer's {@code outputSize} becomes
     * {@code units} where its spec has units, and a spec with a {@code loss} takes the top-level
     * loss, whose output activation must be the one that layer names.
     */
    private static List<long[]> upgradeVersion1(ObjectNode root, Path file) {
        String loss = text(root, "loss", "architecture", file);
        root.remove("loss");
        Map<String, Class<? extends LayerSpec>> types = Layers.specTypes();
        List<long[]> sizes = new ArrayList<>();
        JsonNode layers = root.get("layers");
        for (int l = 0; l < layers.size(); l++) {
            String where = "layer " + (l + 1);
            if (!layers.get(l).isObject()) {
                throw fail(file, where + " is not a JSON object");
            }
            ObjectNode layer = (ObjectNode) layers.get(l);
            sizes.add(new long[] {positiveInt(layer, "inputSize", where, file), positiveInt(layer, "outputSize", where, file)});
            Class<? extends LayerSpec> type = types.get(text(layer, "type", where, file));
            if (type == null) {
                throw fail(file, where + " has type '" + layer.get("type").textValue() + "'; known: " + String.join(", ", types.keySet()));
            }
            layer.remove("inputSize");
            JsonNode outputSize = layer.remove("outputSize");
            if (hasComponent(type, "units")) {
                layer.set("units", outputSize);
            }
            if (hasComponent(type, "loss")) {
                String activation = text(layer, "activation", where, file);
                String expected = Losses.parse(loss).outputActivation().spec();
                if (!activation.equals(expected)) {
                    throw fail(file, where + ": the output activation is '" + activation + "', but the loss '" + loss
                            + "' has the output activation '" + expected + "'");
                }
                layer.remove("activation");
                layer.put("loss", loss);
            }
        }
        return sizes;
    }

    private static boolean hasComponent(Class<? extends LayerSpec> type, String name) {
        return type.isRecord() && Arrays.stream(type.getRecordComponents()).anyMatch(c -> c.getName().equals(name));
    }

    /** Each layer's input and output widths must be the recorded ones (version 1 records them). */
    private static void checkSizes(Network network, List<long[]> sizes, Path file) {
        for (int l = 0; l < sizes.size(); l++) {
            Layer layer = network.layers().get(l);
            if (layer.inputSize() != sizes.get(l)[0] || layer.outputSize() != sizes.get(l)[1]) {
                throw fail(file, "layer " + (l + 1) + ": 'inputSize' " + sizes.get(l)[0] + " and 'outputSize' " + sizes.get(l)[1]
                        + " do not fit the layers, which make it " + layer.describe());
            }
        }
    }

    /** The file's {@code layers.*} tensors must be exactly the network's parameter views: names, shapes and dtypes. */
    private static void checkParameterTensors(Network network, Map<String, SafeTensors.TensorInfo> tensors, Path file) {
        long used = 0;
        for (int l = 0; l < network.layers().size(); l++) {
            for (Map.Entry<String, INDArray> view : network.layers().get(l).parameterViews().entrySet()) {
                String name = tensorName(l, view.getKey());
                SafeTensors.TensorInfo tensor = tensors.get(name);
                if (tensor == null) {
                    throw fail(file, "layer " + (l + 1) + ": tensor '" + name + "' is missing");
                }
                INDArray target = view.getValue();
                if (!Arrays.equals(tensor.shape(), target.shape()) || tensor.dataType() != target.dataType()) {
                    throw fail(file, "layer " + (l + 1) + ": tensor '" + name + "' is " + tensor.dataType() + " "
                            + Arrays.toString(tensor.shape()) + ", the network needs " + target.dataType() + " "
                            + Arrays.toString(target.shape()));
                }
                used++;
            }
        }
        long stored = tensors.keySet().stream().filter(n -> n.startsWith(LAYER_PREFIX)).count();
        if (stored != used) {
            throw fail(file, (stored - used) + " layer tensors do not belong to the architecture");
        }
    }

    /**
     * Reads every parameter's tensor straight into the network's parameter buffer (their names,
     * shapes and dtypes were checked by {@link #build}); returns the names read.
     */
    static Set<String> fill(Network network, SafeTensors.Opened opened) {
        Set<String> read = new HashSet<>();
        for (int l = 0; l < network.layers().size(); l++) {
            for (Map.Entry<String, INDArray> view : network.layers().get(l).parameterViews().entrySet()) {
                String name = tensorName(l, view.getKey());
                opened.readInto(name, view.getValue());
                read.add(name);
            }
        }
        return read;
    }

    /** Copies every parameter's tensor from memory into the network (their names and shapes were checked by {@link #build}). */
    static void fill(Network network, Map<String, INDArray> tensors) {
        for (int l = 0; l < network.layers().size(); l++) {
            for (Map.Entry<String, INDArray> view : network.layers().get(l).parameterViews().entrySet()) {
                view.getValue().assign(tensors.get(tensorName(l, view.getKey())));
            }
        }
    }

    private static int positiveInt(JsonNode node, String field, String where, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() <= 0) {
            throw fail(file, where + ": '" + field + "' is " + v + ", expected a positive integer");
        }
        return v.intValue();
    }

    private static String text(JsonNode node, String field, String where, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw fail(file, where + ": '" + field + "' is " + v + ", expected a string");
        }
        return v.textValue();
    }

    private static double number(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw fail(file, "architecture: '" + field + "' is " + v + ", expected a number");
        }
        return v.doubleValue();
    }

    private static DataType dataType(String name, Path file) {
        if (name.equals("FLOAT") || name.equals("DOUBLE")) {
            return DataType.valueOf(name);
        }
        throw fail(file, "architecture: dataType '" + name + "' is neither FLOAT nor DOUBLE");
    }

    private static ModelFileException fail(Path file, String problem) {
        return new ModelFileException("file " + file + ": " + problem);
    }
}
