package org.neuronkit.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import org.neuronkit.ConfigurationException;
import org.neuronkit.loss.LossSpec;
import org.neuronkit.loss.Losses;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.OptimizerSpec;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.Schedules;
import org.neuronkit.registry.Registry;

/**
 * The JSON of the spec records of optimizers ({@link OptimizerSpec}), schedules
 * ({@link LearningRateSchedule}, also inside an {@link org.neuronkit.optim.RateSchedule}) and losses
 * ({@link LossSpec}): each record's fields, with its registry name as {@code type}, e.g.
 * {@code {"type":"adam","lr":0.001,"beta1":0.9,"beta2":0.999,"eps":1.0E-8}}. Checkpoints store
 * optimizers this way, and a device or another process can read a job's records from it. The names
 * and record types come from the registries, so a new entry needs no line here.
 */
public final class SpecJson {
    private SpecJson() {
    }

    /**
     * The mapper of layer spec records ({@link org.neuronkit.layer.LayerSpec}, each with its
     * {@link org.neuronkit.layer.Layers#REGISTRY} name as {@code type}), as model files' architecture stores them;
     * strict: trailing tokens, a null primitive or a missing field are errors. Knows every layer kind registered
     * now. The one definition of that JSON: model files and Spark's {@code layers} param both read it.
     */
    public static ObjectMapper layerSpecs() {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
        org.neuronkit.layer.Layers.specTypes().forEach((name, type) -> json.registerSubtypes(new NamedType(type, name)));
        return json;
    }

    /** A mapper that knows every record registered now (a registry may grow after this class loads). */
    static ObjectMapper mapper() {
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        register(json, Optimizers.REGISTRY);
        register(json, Schedules.REGISTRY);
        register(json, Losses.REGISTRY);
        return json;
    }

    /** Registers the record type of each entry of {@code registry} (its bare name's parse) under the entry's name. */
    private static void register(ObjectMapper json, Registry<?> registry) {
        for (String name : registry.names()) {
            json.registerSubtypes(new NamedType(registry.parse(name).getClass(), name));
        }
    }

    /** {@code value}'s JSON as a record of {@code family} (e.g. {@code OptimizerSpec.class}), with its {@code type}. */
    public static <T> String write(Class<T> family, T value) {
        try {
            return mapper().writerFor(family).writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("cannot write " + value + " as JSON: " + e.getOriginalMessage());
        }
    }

    /** {@code value} as a JSON tree, as {@link #write} writes it. */
    static <T> JsonNode tree(Class<T> family, T value) {
        try {
            return mapper().readTree(write(family, value));
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("cannot write " + value + " as JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The record of {@code family} that {@code json} holds.
     *
     * @throws ConfigurationException naming the JSON and what does not fit: an unknown {@code type}, a
     *     missing or mistyped field, a value the record refuses
     */
    public static <T> T read(Class<T> family, String json) {
        try {
            return read(family, mapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new ConfigurationException("'" + json + "' is not JSON: " + e.getOriginalMessage());
        }
    }

    /** The record of {@code family} that the tree {@code json} holds; as {@link #read(Class, String)}. */
    static <T> T read(Class<T> family, JsonNode json) {
        try {
            return mapper().treeToValue(json, family);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof ConfigurationException)) {
                cause = cause.getCause();
            }
            String problem = cause instanceof ConfigurationException ? cause.getMessage()
                    : e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ConfigurationException(json + " is not a valid " + family.getSimpleName() + ": " + problem);
        }
    }
}
