package org.neuronkit.activation;

import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation function f of docs/chapter.md §1, applied to a whole batch at once.
 *
 * <p>Two methods, as in Deeplearning4j's activation interface: {@link #forward} computes
 * {@code a = f(z)} and {@link #backward} turns the gradient with respect to the output into the
 * gradient with respect to the input, {@code ∂L/∂z = ∂L/∂a ⊙ f′(z)}. Every function except softmax
 * is element-wise; softmax acts on each row.
 *
 * <h2>Shapes</h2>
 * {@code z}, {@code a}, {@code dLda} and {@code dLdz} all have the same shape, typically N × M_l
 * (one row per sample). Neither method allocates the arrays it writes: callers pass them in, so a
 * training step can reuse its buffers.
 *
 * <p>Instances may keep scratch buffers and learnable parameters: use one instance per layer and
 * one thread at a time.
 */
public interface Activation {

    /**
     * The name with its parameters, such as {@code relu}, {@code leakyrelu(0.01)} or
     * {@code swish(1.0)}; {@link Activations#parse(String)} turns it back into an equal activation.
     */
    String spec();

    /**
     * f written once as a symbolic expression in z, with this instance's parameters: the definition the
     * tests, the GPU kernels and the ONNX export read (docs/design.md, "Faces"). Empty only for an
     * activation that is not element-wise (softmax), which every path handles or refuses by name.
     */
    Optional<ActivationFormula> formula();

    /**
     * {@code a = f(z)}.
     *
     * @param z the net input; not modified
     * @param a the output, a different array of the same shape
     */
    void forward(INDArray z, INDArray a);

    /**
     * {@code dLdz = dLda ⊙ f′(z)}: the chain rule through this function (for softmax, the
     * vector-Jacobian product of each row).
     *
     * @param z the net input given to {@link #forward}
     * @param a the output {@link #forward} wrote for that {@code z}
     * @param dLda the gradient of the loss with respect to {@code a}; not modified
     * @param dLdz the result, a different array from {@code dLda}; its previous content is ignored
     */
    void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz);

    /** {@code f(z)} in a new array; for plotting and tests, not for training loops. */
    default INDArray apply(INDArray z) {
        INDArray a = z.ulike();
        forward(z, a);
        return a;
    }

    /** {@code f′(z)} element-wise in a new array; for plotting and diagnostics. */
    default INDArray derivative(INDArray z) {
        INDArray a = apply(z);
        INDArray ones = z.ulike().assign(1.0);
        INDArray dz = z.ulike();
        backward(z, a, ones, dz);
        return dz;
    }

    /**
     * Whether this function behaves like a rectifier (unbounded above, slope about 1 for large z), so
     * that weights should be initialised by He's rule rather than Glorot's.
     */
    default boolean rectifierLike() {
        return false;
    }

    /**
     * This function as a {@link FloatKernel}: a = f(z) in plain Java on floats in host memory, for
     * serving's lean path. Null (the default) when the function has none, such as exact GELU (Java
     * has no erf) or a learned swish β; the lean path then refuses the layer by name and the ND4J
     * path serves it.
     */
    default FloatKernel floatKernel() {
        return null;
    }
}
