package org.neuronkit.ops;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One call site of an ND4J custom op (GEMM, a fused activation derivative, a loss) that runs on the
 * same arrays step after step. The op and its native context are built when the arrays change
 * (the first step, a new batch size) and re-executed as they are otherwise: a training step then
 * builds no op objects and allocates no native contexts, and each call skips the work of a fresh
 * {@code Nd4j.exec} (building the op, its argument buffers and its context); see the train-step
 * rows of the benchmarks' README for the effect.
 *
 * <p>ND4J's legacy ops (element-wise transforms, scalar and pairwise ops), which run without a
 * native context, are cached the same way through {@link #runLegacy}: re-executing the same op
 * object reuses its scalar argument instead of allocating a new one.
 *
 * <p>The arrays are compared by identity, so callers must pass the same array objects (the
 * layers' reused buffers and parameter views) for the cache to hit.
 */
public final class CachedOp {
    private INDArray[] arrays = new INDArray[0];
    private CustomOp op;
    private OpContext context;
    private Op legacy;

    /**
     * Executes the op {@code build} makes for {@code arrays}, reusing the previous op and context
     * when called again with the very same arrays.
     *
     * @param build makes the op; called only when the arrays differ from the last call's
     * @param arrays every array the op reads or writes, in a fixed order
     */
    public void run(Supplier<CustomOp> build, INDArray... arrays) {
        if (!sameArrays(arrays)) {
            prepare(build.get(), arrays);
        }
        Nd4j.getExecutioner().exec(op, context);
    }

    /** Like {@link #run} for one of ND4J's legacy ops, which needs no native context. */
    public void runLegacy(Supplier<Op> build, INDArray... arrays) {
        if (legacy == null || !sameArrays(arrays)) {
            legacy = build.get();
            this.arrays = arrays.clone();
        }
        Nd4j.getExecutioner().exec(legacy);
    }

    private boolean sameArrays(INDArray[] candidate) {
        if (op == null && legacy == null || candidate.length != arrays.length) {
            return false;
        }
        for (int i = 0; i < candidate.length; i++) {
            if (candidate[i] != arrays[i]) {
                return false;
            }
        }
        return true;
    }

    private void prepare(CustomOp built, INDArray[] newArrays) {
        if (context != null) {
            try {
                context.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing an ND4J op context", e);
            }
        }
        OpContext fresh = Nd4j.getExecutioner().buildContext();
        fresh.setInputArrays(built.inputArguments());
        fresh.setOutputArrays(built.outputArguments());
        fresh.setIArguments(built.iArgs());
        fresh.setTArguments(built.tArgs());
        fresh.setBArguments(built.bArgs());
        fresh.setDArguments(built.dArgs());
        op = built;
        context = fresh;
        arrays = newArrays.clone();
    }
}
