package org.neuronkit.cuda13.api;

import java.util.Map;

/**
 * A layer as wide as its input that follows a dense layer, as nn-core's spec record describes it: dropout
 * ({@code rate}) or batch norm ({@code momentum}, {@code epsilon}).
 *
 * @param name the layer's registry name ({@code dropout}, {@code batchnorm})
 * @param after the dense layer (from 0, among the {@link NetworkPlan}'s layers) whose activated output it takes
 * @param parameters the numeric fields of its spec record, by their names
 * @param seed dropout's seed of its masks (0 for a layer without one)
 */
public record SameWidthPlan(String name, int after, Map<String, Double> parameters, long seed) {

    public SameWidthPlan {
        parameters = Map.copyOf(parameters);
    }
}
