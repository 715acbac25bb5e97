package org.neuronkit.activation;

import java.nio.FloatBuffer;

/**
 * An activation's forward pass a = f(z) in plain Java, in place on floats in host memory: the face
 * serving's lean path ({@code org.neuronkit.serve}) runs after each layer's matrix product, with no
 * native op per call. Each activation that has one writes its own loop (a call per element through a
 * shared loop would not be inlined), and {@code FloatKernelTest} checks it on every registry entry
 * against the one definition: {@link Activation#formula()}, or {@link Activation#forward} for softmax.
 *
 * <h2>Shapes</h2>
 * {@code values} holds {@code rows × width} floats, row-major, from index 0 (absolute indices: the
 * buffer's position is neither read nor moved); softmax acts on each row, the others on each value.
 */
@FunctionalInterface
public interface FloatKernel {

    /** values[i] ← f(values[i]) for every i in [0, rows · width) (per row for softmax). */
    void apply(FloatBuffer values, int rows, int width);
}
