package org.neuronkit.layer;

import java.util.function.IntFunction;

/**
 * What {@link Layers#REGISTRY} knows of a layer kind: the record its specs are (for model files),
 * and, for a kind the command line may use as a hidden layer, the spec of a layer of given width.
 *
 * @param specType the spec record, serialised with the registry name as its {@code type}
 * @param hidden the spec of a hidden layer of {@code units} neurons, or null if the kind is not one
 */
public record LayerKind(Class<? extends LayerSpec> specType, IntFunction<LayerSpec> hidden) {
}
