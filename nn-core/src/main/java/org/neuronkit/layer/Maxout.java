package org.neuronkit.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A maxout layer (SPEC §1): each of its M output units has K affine pieces and outputs the largest,
 * a_m = max_k (w_{k,m}ᵀ x + b_{k,m}). Backpropagation sends each unit's gradient through its arg-max
 * piece only (the first one on ties).
 *
 * <h2>Shapes</h2>
 * The K·M weight vectors are stored as one (K·M) × M_{l−1} matrix, piece k of unit m in row
 * k·M + m, so a batch's pre-activations are one GEMM, {@code Z = X Wᵀ + b} (N × K·M), viewed as
 * N × K × M to take the maximum over k.
 */
public final class Maxout implements Layer {
    private final int in;
    private final int out;
    private final int pieces;
    private final Affine affine;
    private final RowBuffer pieceGradientBuffer;
    private INDArray a;
    private INDArray argMax;
    private INDArray delta;

    public Maxout(int in, int out, int pieces) {
        this.in = in;
        this.out = out;
        this.pieces = pieces;
        this.affine = new Affine(in, pieces * out);
        this.pieceGradientBuffer = new RowBuffer((long) pieces * out);
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    /** The number of affine pieces per unit, K. */
    public int pieces() {
        return pieces;
    }

    /** All pieces' weights, (K·M) × M_{l−1}: a view into the network's parameter buffer. */
    public INDArray weights() {
        return affine.weights();
    }

    /** All pieces' biases, 1 × K·M. */
    public INDArray bias() {
        return affine.bias();
    }

    @Override
    public int weightCount() {
        return pieces * out * in;
    }

    @Override
    public int otherCount() {
        return pieces * out;
    }

    @Override
    public void bind(INDArray w, INDArray others, INDArray wGrad, INDArray otherGrads, WeightInit init) {
        affine.bind(w, others, wGrad, otherGrads);
        if (init != null) {
            init.fill(affine.weights(), in, out, false);
            affine.bias().assign(0);
        }
    }

    @Override
    public INDArray forward(INDArray x) {
        INDArray byPiece = affine.forward(x).reshape('c', x.rows(), pieces, out);
        a = byPiece.max(1);
        argMax = Nd4j.argMax(byPiece, 1);
        return a;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        long n = gradOutput.rows();
        INDArray dz = pieceGradientBuffer.rows(n, gradOutput.dataType());
        INDArray byPiece = dz.reshape('c', n, pieces, out);
        for (int k = 0; k < pieces; k++) {
            INDArray chosen = argMax.eq(k).castTo(gradOutput.dataType());
            byPiece.get(NDArrayIndex.all(), NDArrayIndex.point(k), NDArrayIndex.all()).assign(chosen.muli(gradOutput));
        }
        delta = dz;
        return affine.backward(dz, needInputGradient);
    }

    @Override
    public INDArray output() {
        return a;
    }

    /** ∂L/∂z of every piece in the last backward pass, N × K·M (zero for the pieces not chosen). */
    @Override
    public INDArray delta() {
        return delta;
    }

    @Override
    public Map<String, INDArray> parameterViews() {
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put("weight", affine.weights());
        views.put("bias", affine.bias());
        return views;
    }

    @Override
    public String describe() {
        return "Maxout(" + in + " → " + out + ", K=" + pieces + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
