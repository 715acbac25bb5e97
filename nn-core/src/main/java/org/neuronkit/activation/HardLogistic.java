package org.neuronkit.activation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.CachedOp;
import org.neuronkit.ops.Constant;

/**
 * hard-logistic(z) = max(min(0.25z + 0.5, 1), 0) (SPEC §1): the first-order Taylor expansion of σ at 0,
 * clipped to [0, 1]. Its derivative is 0.25 on (−2, 2) and 0 outside.
 *
 * <p>ND4J's own {@code hard_sigmoid} uses slope 0.2, so this is composed as written, from
 * re-executed native ops ({@link CachedOp}): nothing is allocated per call.
 */
final class HardLogistic implements Activation {
    private final Constant quarter = new Constant(0.25);
    private final Constant half = new Constant(0.5);
    private final Constant zero = new Constant(0);
    private final Constant one = new Constant(1);
    private final Indicator inside = Indicator.between(-2, 2);
    private final CachedOp slope = new CachedOp();
    private final CachedOp shift = new CachedOp();
    private final CachedOp floor = new CachedOp();
    private final CachedOp ceiling = new CachedOp();
    private final CachedOp times = new CachedOp();
    private final CachedOp timesQuarter = new CachedOp();

    @Override
    public String spec() {
        return "hardlogistic";
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        DataType type = z.dataType();
        slope.runBinary("multiply", z, quarter.of(type), a);
        shift.runBinary("add", a, half.of(type), a);
        floor.runBinary("maximum", a, zero.of(type), a);
        ceiling.runBinary("minimum", a, one.of(type), a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        // 0.25 exactly where −2 < z < 2
        DataType type = z.dataType();
        inside.of(z, dLdz);
        times.runBinary("multiply", dLdz, dLda, dLdz);
        timesQuarter.runBinary("multiply", dLdz, quarter.of(type), dLdz);
    }
}
