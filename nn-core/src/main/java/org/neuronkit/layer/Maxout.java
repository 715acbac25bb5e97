package org.neuronkit.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.ops.OpSequence;

/**
 * A maxout layer (docs/chapter.md §1): each of its M output units has K affine pieces and outputs the largest,
 * a_m = max_k (w_{k,m}ᵀ x + b_{k,m}). Backpropagation sends each unit's gradient through its arg-max
 * piece only (the first one on ties).
 *
 * <h2>Shapes</h2>
 * The K·M weight vectors are stored as one (K·M) × M_{l−1} matrix, piece k of unit m in row
 * k·M + m, so a batch's pre-activations are one GEMM, {@code Z = X Wᵀ + b} (N × K·M), viewed as
 * N × K × M to take the maximum over k.
 *
 * <p>Like {@link Dense}, a steady-state step allocates nothing: the maximum and arg-max go into kept
 * buffers, and the backward pass writes piece k's gradient as {@code [argmax = k] ⊙ ∂L/∂a} into a
 * kept view of the N × K·M gradient, all through native ops in {@link OpSequence}s.
 */
public final class Maxout implements Layer {
    private final int in;
    private final int out;
    private final int pieces;
    private final Affine affine;
    private final RowBuffer pieceGradientBuffer;
    private final RowBuffer maxBuffer;
    private final RowBuffer argMaxBuffer;
    private final RowBuffer maskBuffer;
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private final INDArray[] pieceIndex;
    private final PieceViews zByPiece = new PieceViews();
    private final PieceViews gradientByPiece = new PieceViews();
    private INDArray a;
    private INDArray argMax;
    private INDArray delta;

    public Maxout(int in, int out, int pieces) {
        this.in = in;
        this.out = out;
        this.pieces = pieces;
        this.affine = new Affine(in, pieces * out);
        this.pieceGradientBuffer = new RowBuffer((long) pieces * out);
        this.maxBuffer = new RowBuffer(out);
        this.argMaxBuffer = new RowBuffer(out);
        this.maskBuffer = new RowBuffer(out);
        this.pieceIndex = new INDArray[pieces];
        for (int k = 0; k < pieces; k++) {
            pieceIndex[k] = Nd4j.scalar(DataType.LONG, k);
        }
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
        INDArray z = affine.forward(x);
        INDArray byPiece = zByPiece.of(z, pieces, out).whole();
        long n = x.rows();
        a = maxBuffer.rows(n, z.dataType());
        argMax = argMaxBuffer.rows(n, DataType.LONG);
        OpSequence ops = forwardOps.begin();
        ops.op("reduce_max").in(byPiece).out(a).i(1).run();
        ops.op("argmax").in(byPiece).out(argMax).i(1).run();
        return a;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        long n = gradOutput.rows();
        INDArray dz = pieceGradientBuffer.rows(n, gradOutput.dataType());
        PieceViews byPiece = gradientByPiece.of(dz, pieces, out);
        INDArray chosen = maskBuffer.rows(n, DataType.BOOL);
        OpSequence ops = backwardOps.begin();
        for (int k = 0; k < pieces; k++) {
            INDArray piece = byPiece.piece(k);
            ops.eq(argMax, pieceIndex[k], chosen);
            ops.cast(chosen, piece);
            ops.mul(gradOutput, piece, piece);
        }
        delta = dz;
        return affine.backward(dz, needInputGradient);
    }

    /**
     * An N × K·M buffer seen as N × K × M and as its K pieces (each N × M, strided): views made once
     * per buffer, so the ops on them run as prepared.
     */
    private static final class PieceViews {
        private INDArray buffer;
        private INDArray whole;
        private INDArray[] pieces;

        PieceViews of(INDArray buffer, int k, int m) {
            if (this.buffer != buffer) {
                this.buffer = buffer;
                whole = buffer.reshape('c', buffer.rows(), k, m);
                if (!whole.isView()) {
                    throw new IllegalStateException("Maxout: ND4J copied the " + buffer.rows() + " × " + (k * m)
                            + " buffer to reshape it, so its pieces would not write through");
                }
                pieces = new INDArray[k];
                for (int i = 0; i < k; i++) {
                    pieces[i] = whole.get(NDArrayIndex.all(), NDArrayIndex.point(i), NDArrayIndex.all());
                }
            }
            return this;
        }

        INDArray whole() {
            return whole;
        }

        INDArray piece(int i) {
            return pieces[i];
        }
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
    public void useBf16Products(org.neuronkit.backend.Bf16Gemm gemm) {
        affine.useBf16Products(gemm);
    }

    @Override
    public Map<String, INDArray> parameterViews() {
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put("weight", affine.weights());
        views.put("bias", affine.bias());
        return views;
    }

    @Override
    public LayerSpec spec() {
        return new MaxoutSpec(out, pieces);
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
