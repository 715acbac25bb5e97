package org.neuronkit.spark;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.neuronkit.ConfigurationException;
import org.neuronkit.io.SpecJson;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.Layers;
import org.neuronkit.layer.OutputSpec;

/**
 * The hidden layers of a network as JSON: a list of NeuronKit {@link LayerSpec}s, each with its
 * {@link Layers#REGISTRY} name as {@code type}, exactly as a model file's architecture stores them:
 * <pre>{@code
 * [{"type":"dense","units":256,"activation":"relu"}, {"type":"batchnorm","momentum":0.1,"epsilon":1e-5},
 *  {"type":"dropout","rate":0.2,"seed":null}, {"type":"maxout","units":64,"pieces":3}]
 * }</pre>
 * Each {@code type} is looked up in the registry first, so an unknown one is refused with the
 * registry's own message (listing the known kinds). The output layer is not part of the list: the
 * estimator adds it from the labels and the loss.
 */
final class LayerList {
    private static final TypeReference<List<LayerSpec>> SPECS = new TypeReference<>() {
    };

    private LayerList() {
    }

    /** Model files' mapper of layer specs ({@link SpecJson#layerSpecs()}): every kind the registry holds now, every field required. */
    private static ObjectMapper mapper() {
        return SpecJson.layerSpecs();
    }

    /** The specs as JSON. */
    static String toJson(List<LayerSpec> specs) {
        try {
            return mapper().writerFor(SPECS).writeValueAsString(specs);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("layers: cannot write the layer specs as JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The hidden-layer specs {@code json} lists.
     *
     * @throws ConfigurationException naming the problem: not JSON, not a list of objects, an unknown
     *     {@code type} (the registry's message), a field the spec does not have, or an output layer
     */
    static List<LayerSpec> parse(String json) {
        ObjectMapper mapper = mapper();
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("layers: not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new ConfigurationException("layers: expected a JSON list of layer specs such as "
                    + "[{\"type\":\"dense\",\"units\":128,\"activation\":\"relu\"}], got " + json);
        }
        for (int l = 0; l < root.size(); l++) {
            JsonNode type = root.get(l).get("type");
            if (!root.get(l).isObject() || type == null || !type.isTextual()) {
                throw new ConfigurationException("layers: layer " + (l + 1) + " is " + root.get(l) + "; each layer is an object with a \"type\"");
            }
            Layers.REGISTRY.parse(type.textValue()); // an unknown kind: the registry's message, with the known ones
        }
        List<LayerSpec> specs;
        try {
            specs = mapper.convertValue(root, SPECS);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("layers: " + e.getMessage().split("\n")[0]);
        }
        for (int l = 0; l < specs.size(); l++) {
            if (specs.get(l) instanceof OutputSpec) {
                throw new ConfigurationException("layers: layer " + (l + 1) + " is an output layer; list the hidden layers only"
                        + " (the output layer comes from the labels and the loss)");
            }
        }
        return specs;
    }
}
