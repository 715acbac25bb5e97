package org.neuronkit.layer;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A layer's structure as plain data: what a model file stores and {@code NetworkBuilder.add} builds
 * from. Each kind is a record registered in {@link Layers#REGISTRY}, whose name is the {@code type}
 * field of its JSON, e.g. {@code {"type":"maxout","units":64,"pieces":3}}. The input width is not
 * part of the spec: it is the previous layer's output width.
 *
 * <p>Not sealed on purpose: a layer kind outside this package (a test's, a user's) is a record
 * implementing this interface plus one registry line, with no edit here or in the model file code.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface LayerSpec {

    /** The width of the layer's output, given the width {@code inputSize} of its input. */
    int outputSize(int inputSize);

    /**
     * The number of weights the layer has after an input of width {@code inputSize}, as a long so
     * that a builder can refuse a layer too large for one array before creating it.
     */
    long weightCount(int inputSize);

    /** A new layer of this spec after an input of width {@code inputSize}, its parameters not yet bound. */
    Layer create(int inputSize);
}
