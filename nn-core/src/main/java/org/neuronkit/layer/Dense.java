package org.neuronkit.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.ParametricActivation;

/**
 * A fully connected layer (docs/chapter.md §3): z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f_l(z⁽ˡ⁾), and its part of
 * backpropagation (docs/chapter.md §4): δ⁽ˡ⁾ = f_l′(z⁽ˡ⁾) ⊙ ∂L/∂a⁽ˡ⁾, ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾ a⁽ˡ⁻¹⁾ᵀ,
 * ∂L/∂b⁽ˡ⁾ = δ⁽ˡ⁾, ∂L/∂a⁽ˡ⁻¹⁾ = W⁽ˡ⁾ᵀ δ⁽ˡ⁾.
 *
 * <h2>Shapes</h2>
 * W is M_l × M_{l−1} as in the chapter (docs/chapter.md), b has M_l entries. A batch is N rows, so in code
 * {@code Z = A Wᵀ + b} (N × M_l), {@code dW = Δᵀ A}, {@code db = Σ_rows Δ}, {@code dA = Δ W}; the
 * gradients are those of the whole batch's loss as the {@link org.neuronkit.loss.Loss} defines it
 * (a mean, so already divided by N).
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Activation activation;
    private final int activationParams;
    private final Affine affine;
    private final RowBuffer aBuffer;
    private final RowBuffer deltaBuffer;
    private INDArray activationParameters;
    private INDArray z;
    private INDArray a;
    private INDArray delta;

    public Dense(int in, int out, Activation activation) {
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.activationParams = activation instanceof ParametricActivation
                ? ((ParametricActivation) activation).parameterCount(out) : 0;
        this.affine = new Affine(in, out);
        this.aBuffer = new RowBuffer(out);
        this.deltaBuffer = new RowBuffer(out);
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    public Activation activation() {
        return activation;
    }

    /** W⁽ˡ⁾, M_l × M_{l−1}: a view into the network's parameter buffer. */
    public INDArray weights() {
        return affine.weights();
    }

    /** b⁽ˡ⁾, 1 × M_l: a view into the network's parameter buffer. */
    public INDArray bias() {
        return affine.bias();
    }

    /** ∂R/∂W⁽ˡ⁾ after the last backward pass. */
    public INDArray weightGradient() {
        return affine.weightGradient();
    }

    /** ∂R/∂b⁽ˡ⁾ after the last backward pass. */
    public INDArray biasGradient() {
        return affine.biasGradient();
    }

    /** z⁽ˡ⁾ of the last forward pass. */
    public INDArray preActivation() {
        return z;
    }

    @Override
    public int weightCount() {
        return in * out;
    }

    @Override
    public int otherCount() {
        return out + activationParams;
    }

    @Override
    public void bind(INDArray w, INDArray others, INDArray wGrad, INDArray otherGrads, WeightInit init) {
        affine.bind(w, others.get(NDArrayIndex.interval(0, out)), wGrad, otherGrads.get(NDArrayIndex.interval(0, out)));
        if (init != null) {
            init.fill(affine.weights(), in, out, activation.rectifierLike());
            affine.bias().assign(0);
        }
        if (activationParams > 0) {
            activationParameters = others.get(NDArrayIndex.interval(out, out + activationParams));
            ((ParametricActivation) activation).bind(activationParameters,
                    otherGrads.get(NDArrayIndex.interval(out, out + activationParams)), init != null);
        }
    }

    @Override
    public INDArray forward(INDArray x) {
        z = affine.forward(x);
        a = aBuffer.rows(x.rows(), x.dataType());
        activation.forward(z, a);
        return a;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        INDArray delta = deltaBuffer.rows(z.rows(), z.dataType());
        activation.backward(z, a, gradOutput, delta);
        return backwardFromDelta(delta, needInputGradient);
    }

    /**
     * The backward pass from δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾ itself: used for the output layer, whose δ the loss
     * computes directly (docs/chapter.md §4: ŷ − y for softmax + cross-entropy).
     */
    public INDArray backwardFromDelta(INDArray delta, boolean needInputGradient) {
        this.delta = delta;
        return affine.backward(delta, needInputGradient);
    }

    @Override
    public INDArray output() {
        return a;
    }

    /** δ⁽ˡ⁾ of the last backward pass, N × M_l. */
    @Override
    public INDArray delta() {
        return delta;
    }

    @Override
    public void useBf16Products(org.neuronkit.backend.Bf16Gemm gemm) {
        affine.useBf16Products(gemm);
    }

    @Override
    public Map<String, INDArray> parameterViews() {
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put("weight", affine.weights());
        views.put("bias", affine.bias());
        if (activationParameters != null) {
            views.put("activation", activationParameters);
        }
        return views;
    }

    /** A hidden layer's spec; the network gives its output layer an {@link OutputSpec} with the loss instead. */
    @Override
    public LayerSpec spec() {
        return new DenseSpec(out, activation.spec());
    }

    @Override
    public String describe() {
        return "Dense(" + in + " → " + out + ", " + activation.spec() + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
