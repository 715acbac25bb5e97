package org.neuronkit.cuda13;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.cuda13.api.LossPlan;
import org.neuronkit.cuda13.api.SameWidthPlan;
import org.neuronkit.cuda13.api.UpdateRule;
import org.neuronkit.io.SpecJson;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.loss.LossSpec;
import org.neuronkit.optim.OptimizerSpec;
import org.neuronkit.train.GradientClipping;

/**
 * nn-core's spec records as the engine's plain types, read from the records' JSON ({@link SpecJson}: the
 * registry name as {@code type}, then the record's fields, which are the registry's keys), so a new registry
 * entry or parameter needs no line here: e.g. {@code {"type":"adam","lr":0.001,"beta1":0.9,"beta2":0.999,"eps":1.0E-8}}
 * becomes {@code UpdateRule("adam", {beta1, beta2, eps})} (the rate goes per step, not here).
 */
final class EnginePlans {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnginePlans() {
    }

    /** The optimizer's registry name and hyper-parameters, with the weight region and the clipping. */
    static UpdateRule update(OptimizerSpec optimizer, long weightCount, GradientClipping clipping) {
        JsonNode tree = tree(SpecJson.write(OptimizerSpec.class, optimizer));
        return new UpdateRule(tree.get("type").asText(), numbers(tree, "lr"), weightCount, clipping.maxValue(), clipping.maxNorm());
    }

    /** The loss's registry name, numeric parameters, output activation (for the regression losses) and class weights. */
    static LossPlan loss(LossSpec loss) {
        JsonNode tree = tree(SpecJson.write(LossSpec.class, loss));
        Activation activation = outputActivation(loss);
        JsonNode weights = tree.get("classWeights");
        float[] classWeights = null;
        if (weights != null && weights.size() > 0) {
            classWeights = new float[weights.size()];
            for (int c = 0; c < classWeights.length; c++) {
                classWeights[c] = (float) weights.get(c).asDouble();
            }
        }
        return new LossPlan(tree.get("type").asText(), numbers(tree), activation == null ? null : KernelActivations.plan(activation), classWeights);
    }

    /**
     * A dropout or batch-norm layer after dense layer {@code after}: its registry name, the numeric fields of its spec
     * record (read as JSON, so a new field needs no line here) and its {@code seed} (0 when it has none).
     */
    static SameWidthPlan sameWidth(String name, LayerSpec layer, int after) {
        JsonNode tree = JSON.valueToTree(layer);
        JsonNode seed = tree.get("seed");
        return new SameWidthPlan(name, after, numbers(tree, "seed"), seed == null || seed.isNull() ? 0 : seed.asLong());
    }

    /** The output activation of a regression loss (its record's {@code activation}), as nn-core parses it; null for the cross-entropies. */
    static Activation outputActivation(LossSpec loss) {
        JsonNode activation = tree(SpecJson.write(LossSpec.class, loss)).get("activation");
        return activation == null ? null : Activations.parse(activation.asText());
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The numeric fields of {@code tree} but the ones named in {@code except}. */
    private static Map<String, Double> numbers(JsonNode tree, String... except) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = tree.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNumber() && !java.util.List.of(except).contains(field.getKey())) {
                values.put(field.getKey(), field.getValue().asDouble());
            }
        }
        return values;
    }
}
