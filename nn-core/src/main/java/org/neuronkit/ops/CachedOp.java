package org.neuronkit.ops;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;

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
 * layers' reused buffers and parameter views) for the cache to hit. The pattern at a call site:
 * <pre>{@code
 * if (product.stale(x, w, z)) {
 *     product.prepare(new Mmul(x, w, z, ...), x, w, z);
 * }
 * product.run();
 * }</pre>
 */
public final class CachedOp {
    private static final NativeOps DIRECT = Nd4j.getEnvironment().isCPU()
            ? NativeOpsHolder.getInstance().getDeviceNativeOps() : null;

    private INDArray[] arrays = new INDArray[0];
    private CustomOp op;
    private long opHash;
    private OpContext context;
    private DoublePointer floatingPointArguments;
    private LongPointer integerArguments;

    /**
     * Whether the op must be (re)built: true before the first {@link #prepare} and whenever the
     * arrays differ (by identity) from those it was prepared with. Fixed arities, so the steady
     * state allocates nothing.
     */
    public boolean stale(INDArray a, INDArray b) {
        return op == null || arrays.length != 2 || arrays[0] != a || arrays[1] != b;
    }

    /** {@link #stale(INDArray, INDArray)} for three arrays. */
    public boolean stale(INDArray a, INDArray b, INDArray c) {
        return op == null || arrays.length != 3 || arrays[0] != a || arrays[1] != b || arrays[2] != c;
    }

    /** {@link #stale(INDArray, INDArray)} for four arrays. */
    public boolean stale(INDArray a, INDArray b, INDArray c, INDArray d) {
        return op == null || arrays.length != 4 || arrays[0] != a || arrays[1] != b || arrays[2] != c || arrays[3] != d;
    }

    /**
     * Keeps {@code built} and a native context holding its arguments, for the arrays it reads and
     * writes (in the order later passed to {@code stale}); the previous context is released.
     */
    public void prepare(CustomOp built, INDArray... arrays) {
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
        this.arrays = arrays.clone();
    }

    /**
     * Replaces the prepared op's floating-point arguments (a learning rate that follows a schedule,
     * say) without rebuilding it. On the CPU the values go through a kept native buffer, so a caller
     * that reuses its array allocates nothing.
     */
    public void setFloatingPointArguments(double[] values) {
        if (DIRECT == null) {
            context.setTArguments(values);
            return;
        }
        if (floatingPointArguments == null || floatingPointArguments.capacity() < values.length) {
            floatingPointArguments = new DoublePointer(values.length);
        }
        floatingPointArguments.put(values, 0, values.length);
        DIRECT.setGraphContextTArguments((OpaqueContext) context.contextPointer(), floatingPointArguments, values.length);
    }

    /** {@link #setFloatingPointArguments} for the integer arguments (an iteration count, say). */
    public void setIntegerArguments(long[] values) {
        if (DIRECT == null) {
            context.setIArguments(values);
            return;
        }
        if (integerArguments == null || integerArguments.capacity() < values.length) {
            integerArguments = new LongPointer(values.length);
        }
        integerArguments.put(values, 0, values.length);
        DIRECT.setGraphContextIArguments((OpaqueContext) context.contextPointer(), integerArguments, values.length);
    }

    /** Executes the prepared op on its arrays. */
    public void run() {
        if (DIRECT == null) {
            Nd4j.getExecutioner().exec(op, context);
            return;
        }
        int status = DIRECT.execCustomOp2(null, opHash, context.contextPointer());
        if (status != 0) {
            throw new IllegalStateException("ND4J op " + op.opName() + " failed (status " + status + "): " + DIRECT.lastErrorMessage());
        }
    }

    /**
     * One-line form of the pattern above for an element-wise op without arguments ({@code sigmoid},
     * {@code tanh}, {@code log1p}, ...; measure before choosing one: libnd4j's {@code square} is three
     * times slower than {@code multiply(z, z)}): prepares {@code name} from {@code in} into
     * {@code out} when the arrays change, then runs it. One call site per instance.
     */
    public void runUnary(String name, INDArray in, INDArray out) {
        if (stale(in, out)) {
            prepare(elementwise(name, in, out), in, out);
        }
        run();
    }

    /** {@link #runUnary} for a two-input op ({@code multiply}, {@code add}, {@code greater}, ...; broadcasting a scalar or row as libnd4j does). */
    public void runBinary(String name, INDArray a, INDArray b, INDArray out) {
        if (stale(a, b, out)) {
            prepare(binary(name, a, b, out), a, b, out);
        }
        run();
    }

    /** {@link #runUnary} for {@link #cast}. */
    public void runCast(INDArray in, INDArray out) {
        if (stale(in, out)) {
            prepare(cast(in, out), in, out);
        }
        run();
    }

    /** An element-wise custom op by its libnd4j name (e.g. {@code relu}) from {@code in} into {@code out}. */
    public static CustomOp elementwise(String name, INDArray in, INDArray out, double... arguments) {
        return DynamicCustomOp.builder(name).addInputs(in).addOutputs(out).addFloatingPointArguments(box(arguments)).build();
    }

    /** A two-input custom op by its libnd4j name (e.g. {@code multiply}, {@code greater}) from {@code a} and {@code b} into {@code out}. */
    public static CustomOp binary(String name, INDArray a, INDArray b, INDArray out) {
        return DynamicCustomOp.builder(name).addInputs(a, b).addOutputs(out).build();
    }

    /** libnd4j's {@code cast} of {@code in} into {@code out}, whose data type it takes. */
    public static CustomOp cast(INDArray in, INDArray out) {
        return DynamicCustomOp.builder("cast").addInputs(in).addOutputs(out).addIntegerArguments(out.dataType().toInt()).build();
    }

    private static Double[] box(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

}
