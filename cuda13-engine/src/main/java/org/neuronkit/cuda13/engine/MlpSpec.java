package org.neuronkit.cuda13.engine;

import java.util.Arrays;
import java.util.List;

/**
 * The networks the engine trains: dense layers of sizes {@code sizes[0]} (inputs) → … → {@code sizes[L]}
 * (outputs), a {@link HiddenActivation} after each hidden layer, a {@link LossForm} on the output (softmax or
 * logistic cross-entropy, each row's loss times its class's weight u; or squared error, Huber, absolute error
 * after an output activation), and the L1 and L2 coefficients λ₁, λ₂ on the weights in the structural risk
 * R = (1/N) Σ u L + λ₁ Σ|W| + (λ₂/2) Σ‖W‖²; after a hidden layer's activation, the {@link SameWidthLayer}s whose
 * {@code after} is that layer, in order (dropout, batch norm).
 *
 * <h2>Parameter layout</h2>
 * One flat float buffer: W⁽¹⁾ … W⁽ᴸ⁾ (each M_l × M_{l−1}, row-major), then b⁽¹⁾ … b⁽ᴸ⁾, then for each batch norm
 * in order γ, β, μ_run, σ²_run (its width each; the running averages are not trained: their gradient stays 0). A
 * batch is N rows, so layer l computes Z = A W⁽ˡ⁾ᵀ + b⁽ˡ⁾.
 */
public record MlpSpec(int[] sizes, List<HiddenActivation> activations, LossForm loss, double l1, double l2, List<SameWidthLayer> sameWidth) {

    /** Dense layers only. */
    public MlpSpec(int[] sizes, List<HiddenActivation> activations, LossForm loss, double l1, double l2) {
        this(sizes, activations, loss, l1, l2, List.of());
    }

    public MlpSpec {
        sizes = sizes.clone();
        activations = List.copyOf(activations);
        sameWidth = List.copyOf(sameWidth);
        for (SameWidthLayer layer : sameWidth) {
            if (layer.after() < 0 || layer.after() >= sizes.length - 2) {
                throw new IllegalArgumentException(layer.kind().registryName() + " after layer " + (layer.after() + 1) + ": it must follow a hidden "
                        + "dense layer (1 … " + (sizes.length - 2) + ")");
            }
        }
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs an input size and at least one layer, got sizes " + Arrays.toString(sizes));
        }
        if (activations.size() != sizes.length - 2) {
            throw new IllegalArgumentException(sizes.length - 2 + " hidden layers need as many activations, got " + activations.size());
        }
        for (int size : sizes) {
            if (size <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
            }
        }
        int outputs = sizes[sizes.length - 1];
        if (loss.kind() == OutputLoss.SOFTMAX_CROSS_ENTROPY && outputs < 2) {
            throw new IllegalArgumentException("softmax + cross-entropy needs at least 2 classes, got " + outputs);
        }
        if (loss.classWeights() != null && loss.classWeights().length != Math.max(2, outputs)) {
            throw new IllegalArgumentException(loss.classWeights().length + " class weights for " + Math.max(2, outputs) + " classes");
        }
    }

    /** Dense layers (hidden and output). */
    public int layers() {
        return sizes.length - 1;
    }

    public int inputs() {
        return sizes[0];
    }

    /** The output layer's size: classes, or regression targets. */
    public int classes() {
        return sizes[sizes.length - 1];
    }

    /** 4-byte target words per row: a class index, or one number per output. */
    public int targetColumns() {
        return loss.targetColumns(classes());
    }

    /** The number of weights of all layers (the L2 region at the start of the buffer). */
    public long weightCount() {
        long n = 0;
        for (int l = 0; l < layers(); l++) {
            n += (long) sizes[l] * sizes[l + 1];
        }
        return n;
    }

    public long parameterCount() {
        return normOffset(sameWidth.size());
    }

    /** Width of the same-width layer k: its dense layer's size. */
    public int width(int k) {
        return sizes[sameWidth.get(k).after() + 1];
    }

    /**
     * Offset of the parameters of same-width layer k in the flat buffer (γ, β, μ_run, σ²_run of a batch norm; where
     * the next one's would start for a dropout, which has none); k = sameWidth().size() gives the parameter count.
     */
    public long normOffset(int k) {
        long n = biasOffset(layers());
        for (int i = 0; i < k; i++) {
            n += sameWidth.get(i).kind() == SameWidthLayer.Kind.BATCH_NORM ? 4L * width(i) : 0;
        }
        return n;
    }

    /** Offset of W⁽ˡ⁺¹⁾ (layer index l from 0) in the flat buffer. */
    public long weightOffset(int l) {
        long n = 0;
        for (int i = 0; i < l; i++) {
            n += (long) sizes[i] * sizes[i + 1];
        }
        return n;
    }

    /** Offset of b⁽ˡ⁺¹⁾ (layer index l from 0) in the flat buffer; l = layers() gives the end of the biases. */
    public long biasOffset(int l) {
        long n = weightCount();
        for (int i = 1; i <= l; i++) {
            n += sizes[i];
        }
        return n;
    }

    /** Softmax cross-entropy without class weights, L1 or L2. */
    public MlpSpec(int[] sizes, List<HiddenActivation> activations) {
        this(sizes, activations, LossForm.SOFTMAX, 0, 0);
    }

    /** e.g. {@code 784-256(relu)-128(relu)-10(softmax), λ₁ = 0.0, λ₂ = 0.0}. */
    public String describe() {
        StringBuilder text = new StringBuilder().append(sizes[0]);
        for (int l = 1; l < sizes.length; l++) {
            text.append('-').append(sizes[l]).append('(').append(l < sizes.length - 1 ? activations.get(l - 1).spec() : loss.describe()).append(')');
            for (SameWidthLayer layer : sameWidth) {
                if (layer.after() == l - 1) {
                    text.append('-').append(layer.kind().registryName());
                }
            }
        }
        return text.append(", λ₁ = ").append(l1).append(", λ₂ = ").append(l2).toString();
    }
}
