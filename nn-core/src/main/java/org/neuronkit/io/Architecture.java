package org.neuronkit.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.neuronkit.ModelFileException;
import org.neuronkit.NeuronKitException;
import org.neuronkit.activation.Activations;
import org.neuronkit.layer.BatchNorm;
import org.neuronkit.layer.Dense;
import org.neuronkit.layer.Dropout;
import org.neuronkit.layer.Layer;
import org.neuronkit.layer.Maxout;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network's structure as JSON, and the network rebuilt from it and its tensors. Example:
 * <pre>{@code
 * {"inputSize":784, "dataType":"FLOAT", "l2":1.0E-4, "loss":"softmax-cross-entropy",
 *  "layers":[{"type":"dense",  "inputSize":784, "outputSize":256, "activation":"relu"},
 *            {"type":"dropout","inputSize":256, "outputSize":256, "rate":0.2, "seed":42000126},
 *            {"type":"maxout", "inputSize":256, "outputSize":64,  "pieces":3},
 *            {"type":"batchnorm", "inputSize":64, "outputSize":64},
 *            {"type":"output", "inputSize":64,  "outputSize":10,  "activation":"softmax"}]}
 * }</pre>
 * Layer l's parameters are the tensors {@code layers.l.<name>} for each of its
 * {@link Layer#parameterViews()} ({@code weight}, {@code bias}, {@code activation}); a dropout layer
 * has none, only its rate and the seed of its masks; a batch-norm layer's are {@code gamma},
 * {@code beta}, {@code running_mean} and {@code running_var}.
 */
final class Architecture {
    /** The prefix of every layer parameter's tensor name. */
    static final String LAYER_PREFIX = "layers.";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Architecture() {
    }

    static String tensorName(int layer, String parameter) {
        return LAYER_PREFIX + layer + "." + parameter;
    }

    static String toJson(Network network) {
        ObjectNode root = JSON.createObjectNode();
        root.put("inputSize", network.inputSize());
        root.put("dataType", network.dataType().name());
        root.put("l2", network.l2());
        root.put("loss", network.loss().spec());
        ArrayNode layers = root.putArray("layers");
        List<Layer> list = network.layers();
        for (int l = 0; l < list.size(); l++) {
            Layer layer = list.get(l);
            ObjectNode node = layers.addObject();
            if (layer instanceof BatchNorm) {
                putBatchNorm(node, layer);
            } else if (layer instanceof Dropout dropout) {
                node.put("type", "dropout");
                node.put("inputSize", layer.inputSize()).put("outputSize", layer.outputSize());
                node.put("rate", dropout.rate()).put("seed", dropout.seed());
            } else if (layer instanceof Maxout maxout) {
                node.put("type", "maxout");
                node.put("inputSize", layer.inputSize()).put("outputSize", layer.outputSize());
                node.put("pieces", maxout.pieces());
            } else if (layer instanceof Dense dense) {
                node.put("type", l == list.size() - 1 ? "output" : "dense");
                node.put("inputSize", layer.inputSize()).put("outputSize", layer.outputSize());
                node.put("activation", dense.activation().spec());
            } else {
                throw new ModelFileException("cannot save layer " + (l + 1) + ", " + layer.describe()
                        + ": model files know dense, maxout, dropout, batch-norm and output layers");
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new ModelFileException("cannot encode the architecture: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Builds the network described by {@code json}, with its parameters not yet filled, after
     * checking it against the {@code tensors} a file's header announces: every layer's weight shape
     * is checked before the network is allocated (so the allocation is bounded by what the file
     * holds), and afterwards the file's {@code layers.*} tensors must be exactly the network's
     * parameters, by name, shape and dtype.
     */
    static Network build(String json, Map<String, SafeTensors.TensorInfo> tensors, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
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
        checkWeightShapes(layers, inputSize, dataType, tensors, file);
        Network network;
        try {
            NetworkBuilder builder = Network.builder(inputSize).dataType(dataType).l2(number(root, "l2", file));
            for (int l = 0; l < layers.size(); l++) {
                JsonNode layer = layers.get(l);
                String where = "layer " + (l + 1);
                int units = positiveInt(layer, "outputSize", where, file);
                switch (layer.get("type").asText()) {
                    case "dense" -> builder.dense(units, Activations.parse(text(layer, "activation", where, file)));
                    case "maxout" -> builder.maxout(units, positiveInt(layer, "pieces", where, file));
                    case "dropout" -> builder.dropout(number(layer, "rate", file), integer(layer, "seed", where, file));
                    case BATCH_NORM -> builder.batchNorm();
                    default -> builder.output(units, outputLoss(root, layer, where, file));
                }
            }
            network = builder.build();
        } catch (ModelFileException e) {
            throw e;
        } catch (NeuronKitException e) {
            throw new ModelFileException("file " + file + ": the architecture is invalid: " + e.getMessage(), e);
        }
        checkParameterTensors(network, tensors, file);
        return network;
    }

    /** The loss, whose output activation must be the one the output layer names. */
    private static Loss outputLoss(JsonNode root, JsonNode layer, String where, Path file) {
        Loss loss = Losses.parse(text(root, "loss", "architecture", file));
        String activation = text(layer, "activation", where, file);
        if (!activation.equals(loss.outputActivation().spec())) {
            throw fail(file, where + ": the output activation is '" + activation + "', but the loss '" + loss.spec()
                    + "' has the output activation '" + loss.outputActivation().spec() + "'");
        }
        return loss;
    }

    /** Checks type, order and the weight tensor's shape of every layer, without allocating. */
    private static void checkWeightShapes(JsonNode layers, int inputSize, DataType dataType,
            Map<String, SafeTensors.TensorInfo> tensors, Path file) {
        long in = inputSize;
        for (int l = 0; l < layers.size(); l++) {
            JsonNode layer = layers.get(l);
            String where = "layer " + (l + 1);
            String type = text(layer, "type", where, file);
            boolean last = l == layers.size() - 1;
            if (!(type.equals("dense") || type.equals("maxout") || type.equals("dropout") || type.equals(BATCH_NORM)
                    || type.equals("output"))
                    || type.equals("output") != last) {
                throw fail(file, where + " has type '" + type + "'; expected dense, maxout, dropout or "
                        + BATCH_NORM + " layers, then one output layer");
            }
            if (positiveInt(layer, "inputSize", where, file) != in) {
                throw fail(file, where + ": 'inputSize' is " + layer.get("inputSize") + ", but the previous layer gives " + in);
            }
            long out = positiveInt(layer, "outputSize", where, file);
            if (type.equals("dropout") || type.equals(BATCH_NORM)) {
                if (out != in) {
                    throw fail(file, where + ": a " + type + " layer's 'outputSize' " + out + " differs from its 'inputSize' " + in);
                }
                continue;
            }
            long rows = type.equals("maxout") ? out * positiveInt(layer, "pieces", where, file) : out;
            String name = tensorName(l, "weight");
            SafeTensors.TensorInfo weight = tensors.get(name);
            if (weight == null) {
                throw fail(file, where + ": tensor '" + name + "' is missing");
            }
            if (!Arrays.equals(weight.shape(), new long[] {rows, in})) {
                throw fail(file, where + ": tensor '" + name + "' has shape " + Arrays.toString(weight.shape())
                        + ", the architecture needs [" + rows + ", " + in + "]");
            }
            if (weight.dataType() != dataType) {
                throw fail(file, where + ": tensor '" + name + "' is " + weight.dataType() + ", the network " + dataType);
            }
            in = out;
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

    /** Copies every parameter's tensor into the network (their names and shapes were checked by {@link #build}). */
    static void fill(Network network, Map<String, INDArray> tensors) {
        for (int l = 0; l < network.layers().size(); l++) {
            for (Map.Entry<String, INDArray> view : network.layers().get(l).parameterViews().entrySet()) {
                view.getValue().assign(tensors.get(tensorName(l, view.getKey())));
            }
        }
    }

    // ---- batch normalization: the "batchnorm" layer type (its only other lines are the calls above) ----

    /** The type name of a {@link BatchNorm} layer; its node holds only its sizes, its γ, β and running averages are tensors. */
    static final String BATCH_NORM = "batchnorm";

    private static void putBatchNorm(ObjectNode node, Layer layer) {
        node.put("type", BATCH_NORM);
        node.put("inputSize", layer.inputSize()).put("outputSize", layer.outputSize());
    }

    // ---- end of batch normalization ----

    private static int positiveInt(JsonNode node, String field, String where, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() <= 0) {
            throw fail(file, where + ": '" + field + "' is " + v + ", expected a positive integer");
        }
        return v.intValue();
    }

    private static long integer(JsonNode node, String field, String where, Path file) {
        JsonNode v = node.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
            throw fail(file, where + ": '" + field + "' is " + v + ", expected an integer");
        }
        return v.longValue();
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
