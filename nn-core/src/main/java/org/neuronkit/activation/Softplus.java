package org.neuronkit.activation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.CachedOp;
import org.neuronkit.ops.Constant;

/**
 * softplus(z) = log(1 + exp(z)) (SPEC §1), whose derivative is σ(z).
 *
 * <p>Computed as max(z, 0) − log(1 − σ(−|z|)), which equals the definition (with u = σ(−|z|),
 * exp(−|z|) = u / (1 − u), so log(1 + exp(−|z|)) = −log(1 − u)) and never overflows; ND4J's
 * {@code softplus} computes log(1 + exp(z)) as written and returns infinity at z = 1000. Where
 * softplus is below the unit roundoff (z &lt; −37 in double) it comes out as 0, as libnd4j's
 * {@code log1p} is log(1 + x). Every step is a re-executed native op ({@link CachedOp}): nothing
 * is allocated per call.
 */
final class Softplus implements Activation {
    private final Constant minusOne = new Constant(-1);
    private final Constant zero = new Constant(0);
    private final Scratch tail = new Scratch();
    private final CachedOp negate = new CachedOp();
    private final CachedOp negativeAbs = new CachedOp();
    private final CachedOp squash = new CachedOp();
    private final CachedOp negateU = new CachedOp();
    private final CachedOp log = new CachedOp();
    private final CachedOp positivePart = new CachedOp();
    private final CachedOp combine = new CachedOp();
    private final CachedOp derivative = new CachedOp();
    private final CachedOp times = new CachedOp();

    @Override
    public String spec() {
        return "softplus";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        DataType type = z.dataType();
        INDArray t = tail.like(z);
        negate.runBinary("multiply", z, minusOne.of(type), t);
        negativeAbs.runBinary("minimum", z, t, t);          // −|z|
        squash.runUnary("sigmoid", t, t);                     // u = σ(−|z|)
        negateU.runBinary("multiply", t, minusOne.of(type), t);
        log.runUnary("log1p", t, t);                          // log(1 − u) = −log(1 + exp(−|z|))
        positivePart.runBinary("maximum", z, zero.of(type), a);
        combine.runBinary("subtract", a, t, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        derivative.runUnary("sigmoid", z, dLdz);
        times.runBinary("multiply", dLdz, dLda, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
