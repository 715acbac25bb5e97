package org.neuronkit.layer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer of a feedforward network (docs/chapter.md §3): it maps the previous layer's output a⁽ˡ⁻¹⁾ to its
 * own a⁽ˡ⁾ and, going back, turns ∂L/∂a⁽ˡ⁾ into its parameter gradients and ∂L/∂a⁽ˡ⁻¹⁾.
 *
 * <p>A layer does not own its parameters: the network gives it views into one flat parameter buffer
 * and one flat gradient buffer through {@link #bind}. The regularised weights and the other
 * parameters (biases, activation parameters) live in two separate regions, so that L2 (docs/chapter.md §3:
 * weights only) is a single operation over the network's weight region.
 *
 * <h2>Shapes</h2>
 * Batches are row-wise: {@link #forward} takes N × {@link #inputSize()} and returns
 * N × {@link #outputSize()}; {@link #backward} the reverse. Returned arrays are the layer's own
 * buffers, valid until its next call.
 */
public interface Layer {

    int inputSize();

    int outputSize();

    /** The number of weights, the parameters that L2 regularises. */
    int weightCount();

    /**
     * The number of other parameters: biases, learnable activation parameters, batch-norm γ and β, and
     * batch-norm running averages (state the layer writes itself, whose gradient stays zero).
     */
    int otherCount();

    /**
     * Gives the layer its parameter and gradient views and, if {@code init} is not null, writes its
     * initial values.
     *
     * @param weights 1-D view of length {@link #weightCount()} in the weight region
     * @param others 1-D view of length {@link #otherCount()}
     * @param weightGradients the matching view of the gradient buffer
     * @param otherGradients the matching view of the gradient buffer
     */
    void bind(INDArray weights, INDArray others, INDArray weightGradients, INDArray otherGradients, WeightInit init);

    /** a⁽ˡ⁾ for the batch {@code input}, remembering what {@link #backward} needs. */
    INDArray forward(INDArray input);

    /**
     * a⁽ˡ⁾ in a training pass (the one {@link #backward} follows): the same as {@link #forward}
     * except for layers that act only in training, such as {@link Dropout}.
     */
    default INDArray forwardTraining(INDArray input) {
        return forward(input);
    }

    /**
     * Given ∂L/∂a⁽ˡ⁾ for the batch of the last {@link #forward}, writes the parameter gradients into
     * the gradient views (overwriting them) and returns ∂L/∂a⁽ˡ⁻¹⁾, or null when
     * {@code needInputGradient} is false (the first layer).
     */
    INDArray backward(INDArray gradOutput, boolean needInputGradient);

    /**
     * ∂L/∂a⁽ˡ⁻¹⁾ through the inference map ({@link #forward}, not {@link #forwardTraining}), given
     * ∂L/∂a⁽ˡ⁾ for the batch of the last {@link #forward}: the gradient of a prediction with respect
     * to the input ({@link org.neuronkit.network.Network#inputGradient}). The default is
     * {@code backward(gradOutput, true)}, right for a layer whose two forward maps are one (dense,
     * maxout); it writes the parameter gradients too, so a network calls it only where its gradient
     * views are its own. Layers that act differently in training override it: {@link Dropout} (the
     * identity) and {@link BatchNorm} (the running averages).
     */
    default INDArray backwardInference(INDArray gradOutput) {
        return backward(gradOutput, true);
    }

    /** The output of the last {@link #forward}, for diagnostics. */
    INDArray output();

    /**
     * δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾ of the last {@link #backward} (N × the layer's pre-activation width), for
     * diagnostics; the layer's own buffer, not a copy. Null before the first backward pass, or for a
     * layer that keeps no δ.
     */
    default INDArray delta() {
        return null;
    }

    /** The parameter views named as they appear in model files, e.g. {@code weight}, {@code bias}. */
    java.util.Map<String, INDArray> parameterViews();

    /** One line for people: kind, sizes, activation, e.g. {@code Dense(64 → 32, relu)}. */
    String describe();

    /** The layer's structure as plain data: a new layer of this spec after the same input has the same shape. */
    LayerSpec spec();

    /**
     * Runs the layer's matrix products through {@code gemm} (bf16 factors, fp32 sums: mixed-precision
     * training, {@code Trainer.precision}), or through ND4J's fp32 GEMM again when null. The default,
     * for a layer without matrix products, does nothing.
     */
    default void useBf16Products(org.neuronkit.backend.Bf16Gemm gemm) {
    }

    /**
     * Gives a layer that draws random numbers the seed the network derives from its own seed and the
     * layer's position, unless its spec fixed one; the default does nothing.
     */
    default void seedIfUnset(long seed) {
    }

    /**
     * The state of the layer's randomness in training (e.g. dropout's pass counter), which a
     * checkpoint saves so that a resumed run draws what an uninterrupted one would; empty, the
     * default, for a layer that draws nothing.
     */
    default long[] randomState() {
        return new long[0];
    }

    /** Restores a {@link #randomState()} of a layer of this spec; the default accepts only the empty state. */
    default void restoreRandomState(long[] state) {
        if (state.length != 0) {
            throw new org.neuronkit.ConfigurationException(describe() + " has no random state, got " + state.length + " words");
        }
    }
}
