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
    private INDArray weights;
    private INDArray bias;
    private INDArray weightGradient;
    private INDArray biasGradient;
    private final RowBuffer zBuffer;
    private final RowBuffer pieceGradientBuffer;
    private final RowBuffer inputGradientBuffer;
    private INDArray input;
    private INDArray a;
    private INDArray argMax;

    public Maxout(int in, int out, int pieces) {
        this.in = in;
        this.out = out;
        this.pieces = pieces;
        this.zBuffer = new RowBuffer((long) pieces * out);
        this.pieceGradientBuffer = new RowBuffer((long) pieces * out);
        this.inputGradientBuffer = new RowBuffer(in);
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
        return weights;
    }

    /** All pieces' biases, 1 × K·M. */
    public INDArray bias() {
        return bias;
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
        weights = w.reshape('c', (long) pieces * out, in);
        weightGradient = wGrad.reshape('c', (long) pieces * out, in);
        bias = others.reshape(1, (long) pieces * out);
        biasGradient = otherGrads.reshape(1, (long) pieces * out);
        if (init != null) {
            init.fill(weights, in, out, false);
            bias.assign(0);
        }
    }

    @Override
    public INDArray forward(INDArray x) {
        long n = x.rows();
        input = x;
        INDArray z = zBuffer.rows(n, x.dataType());
        Nd4j.gemm(x, weights, z, false, true, 1.0, 0.0);
        z.addiRowVector(bias);
        INDArray byPiece = z.reshape('c', n, pieces, out);
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
        Nd4j.gemm(dz, input, weightGradient, true, false, 1.0, 0.0);
        dz.sum(biasGradient, 0);
        if (!needInputGradient) {
            return null;
        }
        INDArray inputGradient = inputGradientBuffer.rows(n, gradOutput.dataType());
        Nd4j.gemm(dz, weights, inputGradient, false, false, 1.0, 0.0);
        return inputGradient;
    }

    @Override
    public INDArray output() {
        return a;
    }

    @Override
    public Map<String, INDArray> parameterViews() {
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put("weight", weights);
        views.put("bias", bias);
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
