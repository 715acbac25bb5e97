package org.neuronkit.layer;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.backend.Bf16Gemm;
import org.neuronkit.ops.OpSequence;

/**
 * The affine map shared by {@link Dense} and {@link Maxout}: z = W x + b (docs/chapter.md §3) for a whole batch,
 * and its backward pass from δ = ∂L/∂z (docs/chapter.md §4): ∂L/∂W = δ xᵀ, ∂L/∂b = δ, ∂L/∂x = Wᵀ δ.
 *
 * <h2>Shapes</h2>
 * W is out × in (the chapter's M_l × M_{l−1}), b is 1 × out. A batch X is N × in, so
 * {@code Z = X Wᵀ + b} (N × out), {@code dW = Δᵀ X}, {@code db = Σ_rows Δ}, {@code dX = Δ W}. Every
 * product is a GEMM into a buffer the layer keeps for its batch size, and {@code db} is one too
 * ({@code 1ᵀ Δ} with a row of ones); the ops run in {@link OpSequence}s, so a step with a batch size
 * seen before, or a new input array of that size, builds no ops and allocates nothing native.
 *
 * <p>In mixed precision ({@link #useBf16Products}) the three matrix products Z, dW and dX run through a
 * {@link Bf16Gemm} (bf16 factors, fp32 sums) instead; {@code db} and everything else stays fp32. The
 * forward pass rounds X and W once each, the backward pass δ, and the three products share those copies
 * (W does not change between a step's forward and backward passes).
 */
final class Affine {
    private final int in;
    private final int out;
    private final RowBuffer zBuffer;
    private final RowBuffer inputGradientBuffer;
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private INDArray ones;
    private INDArray weights;
    private INDArray bias;
    private INDArray biasVector;
    private INDArray weightGradient;
    private INDArray biasGradient;
    private INDArray input;
    private Bf16Gemm bf16;
    private Bf16Gemm.Rounded inputBf16;
    private Bf16Gemm.Rounded weightsBf16;
    private Bf16Gemm.Rounded deltaBf16;

    Affine(int in, int out) {
        this.in = in;
        this.out = out;
        this.zBuffer = new RowBuffer(out);
        this.inputGradientBuffer = new RowBuffer(in);
    }

    /** Takes 1-D views of length out·in (weights) and out (bias) and their gradients. */
    void bind(INDArray w, INDArray b, INDArray wGrad, INDArray bGrad) {
        weights = w.reshape('c', out, in);
        weightGradient = wGrad.reshape('c', out, in);
        bias = b.reshape(1, out);
        biasVector = b;
        biasGradient = bGrad.reshape(1, out);
    }

    /**
     * Z = X Wᵀ + b, remembering X for the backward pass. In fp32 the rows of Z start as b and the GEMM
     * adds X Wᵀ to them (β = 1), which costs the GEMM no more than the zeroing of β = 0 and saves a
     * separate bias pass over Z.
     */
    INDArray forward(INDArray x) {
        input = x;
        INDArray z = zBuffer.rows(x.rows(), x.dataType());
        OpSequence ops = forwardOps.begin();
        if (bf16 == null) {
            ops.fillRows(biasVector, z);
            ops.gemmAdd(x, false, weights, true, z);
        } else {
            inputBf16 = bf16.round(x, inputBf16);
            weightsBf16 = bf16.round(weights, weightsBf16);
            bf16.gemm(inputBf16, false, weightsBf16, true, z);
            ops.addRow(z, biasVector, z);
        }
        return z;
    }

    /** Writes dW = Δᵀ X and db = Σ_rows Δ; returns dX = Δ W, or null if not needed. */
    INDArray backward(INDArray delta, boolean needInputGradient) {
        OpSequence ops = backwardOps.begin();
        if (bf16 == null) {
            ops.gemm(delta, true, input, false, weightGradient);
        } else {
            deltaBf16 = bf16.round(delta, deltaBf16);
            bf16.gemm(deltaBf16, true, inputBf16, false, weightGradient);
        }
        ops.gemm(ones(delta), false, delta, false, biasGradient);
        if (!needInputGradient) {
            return null;
        }
        INDArray inputGradient = inputGradientBuffer.rows(delta.rows(), delta.dataType());
        if (bf16 == null) {
            ops.gemm(delta, false, weights, false, inputGradient);
        } else {
            bf16.gemm(deltaBf16, false, weightsBf16, false, inputGradient);
        }
        return inputGradient;
    }

    /** Products through {@code gemm} (null: ND4J's fp32 GEMM in the op sequences); the rounded copies of an earlier one are freed. */
    void useBf16Products(Bf16Gemm gemm) {
        for (Bf16Gemm.Rounded copy : new Bf16Gemm.Rounded[] {inputBf16, weightsBf16, deltaBf16}) {
            if (copy != null) {
                copy.close();
            }
        }
        inputBf16 = weightsBf16 = deltaBf16 = null;
        this.bf16 = gemm;
    }

    /** A 1 × N row of ones for {@code db = 1ᵀ Δ}, kept while N and the data type stay the same. */
    private INDArray ones(INDArray delta) {
        if (ones == null || ones.columns() != delta.rows() || ones.dataType() != delta.dataType()) {
            ones = Nd4j.ones(delta.dataType(), 1, delta.rows());
        }
        return ones;
    }

    INDArray weights() {
        return weights;
    }

    INDArray bias() {
        return bias;
    }

    INDArray weightGradient() {
        return weightGradient;
    }

    INDArray biasGradient() {
        return biasGradient;
    }
}
