package org.neuronkit.activation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.CachedOp;
import org.neuronkit.ops.Constant;

/**
 * GELU, tanh form (SPEC §1): ½ z (1 + tanh(u)), u = √(2/π)(z + 0.044715 z³).
 * Derivative ½(1 + tanh u) + ½ z (1 − tanh² u) √(2/π)(1 + 3·0.044715 z²).
 *
 * <p>Composed as written from re-executed native ops ({@link CachedOp}): nothing is allocated per call.
 */
final class GeluTanh implements Activation {
    private static final double C = Math.sqrt(2.0 / Math.PI);
    private static final double K = 0.044715;
    private final Constant k = new Constant(K);
    private final Constant c = new Constant(C);
    private final Constant one = new Constant(1);
    private final Constant half = new Constant(0.5);
    private final Constant threeK = new Constant(3 * K);
    private final Constant halfC = new Constant(0.5 * C);
    private final Scratch tanh = new Scratch();
    private final Scratch sech2 = new Scratch();
    private final TanhOfU forwardU = new TanhOfU();
    private final TanhOfU backwardU = new TanhOfU();
    private final CachedOp onePlus = new CachedOp();
    private final CachedOp timesZ = new CachedOp();
    private final CachedOp timesHalf = new CachedOp();
    private final CachedOp zSquared = new CachedOp();
    private final CachedOp times3K = new CachedOp();
    private final CachedOp plusOne = new CachedOp();
    private final CachedOp timesHalfC = new CachedOp();
    private final CachedOp timesZAgain = new CachedOp();
    private final CachedOp tSquared = new CachedOp();
    private final CachedOp oneMinus = new CachedOp();
    private final CachedOp timesSech2 = new CachedOp();
    private final CachedOp tPlusOne = new CachedOp();
    private final CachedOp tTimesHalf = new CachedOp();
    private final CachedOp sum = new CachedOp();
    private final CachedOp timesUpstream = new CachedOp();

    /** tanh(√(2/π)(z + 0.044715 z³)) = tanh(√(2/π) z (1 + 0.044715 z²)), one call site's ops. */
    private final class TanhOfU {
        private final CachedOp square = new CachedOp();
        private final CachedOp timesK = new CachedOp();
        private final CachedOp plusOne = new CachedOp();
        private final CachedOp timesZ = new CachedOp();
        private final CachedOp timesC = new CachedOp();
        private final CachedOp squash = new CachedOp();

        void into(INDArray z, INDArray out) {
            DataType type = z.dataType();
            square.runBinary("multiply", z, z, out);
            timesK.runBinary("multiply", out, k.of(type), out);
            plusOne.runBinary("add", out, one.of(type), out);
            timesZ.runBinary("multiply", out, z, out);
            timesC.runBinary("multiply", out, c.of(type), out);
            squash.runUnary("tanh", out, out);
        }
    }

    @Override
    public String spec() {
        return "gelu-tanh";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        DataType type = z.dataType();
        forwardU.into(z, a);
        onePlus.runBinary("add", a, one.of(type), a);
        timesZ.runBinary("multiply", a, z, a);
        timesHalf.runBinary("multiply", a, half.of(type), a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        DataType type = z.dataType();
        INDArray t = tanh.like(z);
        backwardU.into(z, t);
        // ½ z (1 − t²) √(2/π)(1 + 3K z²) into dLdz
        zSquared.runBinary("multiply", z, z, dLdz);
        times3K.runBinary("multiply", dLdz, threeK.of(type), dLdz);
        plusOne.runBinary("add", dLdz, one.of(type), dLdz);
        timesHalfC.runBinary("multiply", dLdz, halfC.of(type), dLdz);
        timesZAgain.runBinary("multiply", dLdz, z, dLdz);
        INDArray s = sech2.like(z);
        tSquared.runBinary("multiply", t, t, s);
        oneMinus.runBinary("reversesubtract", s, one.of(type), s);
        timesSech2.runBinary("multiply", dLdz, s, dLdz);
        // + ½ (1 + t), then ⊙ dL/da
        tPlusOne.runBinary("add", t, one.of(type), t);
        tTimesHalf.runBinary("multiply", t, half.of(type), t);
        sum.runBinary("add", dLdz, t, dLdz);
        timesUpstream.runBinary("multiply", dLdz, dLda, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
