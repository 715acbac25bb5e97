package org.neuronkit.ops;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * One call site of an ND4J custom op (GEMM, an activation or its fused derivative, a loss) that runs
 * on the same arrays step after step. The op and its native context are built when the arrays
 * change (the first step, a new batch size) and re-executed as they are otherwise: a training step
 * then builds no op objects and allocates no native memory.
 *
 * <p>On the CPU backend a cached op goes straight to libnd4j's {@code execCustomOp2} with its
 * prepared context, skipping the Java bookkeeping of ND4J's executioner (profiling hooks, argument
 * lists built anew on every call), which is most of what a training step allocates on the JVM heap.
 * Other backends go through {@code Nd4j.getExecutioner()}, which also moves data between host and
 * device as needed.
 *
 * <p>The arrays are compared by identity, so callers must pass the same array objects (the
 * layers' reused buffers and parameter views) for the cache to hit.
 */
public final class CachedOp {
    private static final NativeOps DIRECT = Nd4j.getEnvironment().isCPU()
            ? NativeOpsHolder.getInstance().getDeviceNativeOps() : null;

    private INDArray[] arrays = new INDArray[0];
    private CustomOp op;
    private long opHash;
    private OpContext context;

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
        if (DIRECT == null) {
            Nd4j.getExecutioner().exec(op, context);
            return;
        }
        int status = DIRECT.execCustomOp2(null, opHash, context.contextPointer());
        if (status != 0) {
            throw new IllegalStateException("ND4J op " + op.opName() + " failed (status " + status + "): " + DIRECT.lastErrorMessage());
        }
    }

    /** An element-wise custom op by its libnd4j name (e.g. {@code relu}) from {@code in} into {@code out}. */
    public static CustomOp elementwise(String name, INDArray in, INDArray out, double... arguments) {
        return DynamicCustomOp.builder(name).addInputs(in).addOutputs(out).addFloatingPointArguments(box(arguments)).build();
    }

    private static Double[] box(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private boolean sameArrays(INDArray[] candidate) {
        if (op == null || candidate.length != arrays.length) {
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
        opHash = built.opHash();
        context = fresh;
        arrays = newArrays.clone();
    }
}
