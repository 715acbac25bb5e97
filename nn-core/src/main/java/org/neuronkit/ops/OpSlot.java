package org.neuronkit.ops;

import java.util.Arrays;
import org.bytedeco.javacpp.BooleanPointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;

/**
 * One position of an {@link OpSequence}: a libnd4j custom op with its native context, kept from
 * call to call. Each call states the op's arrays and arguments again ({@code in}, {@code out},
 * {@code t}, {@code i}, {@code b}, then {@link #run()}); the slot compares them with what its
 * context holds and does the least that is needed:
 * <ul>
 *   <li>the same arrays and arguments: the context runs as it is;</li>
 *   <li>another array (a new input batch, say): the context is purged and given the new array
 *       pointers, without building a new op or context;</li>
 *   <li>another argument value (Adam's step count, a scheduled rate): only the arguments are set;</li>
 *   <li>another op name (the pass ran its ops in another order): the context is built anew.</li>
 * </ul>
 * Purging matters: libnd4j 1.0.0-M2.1 keeps every array wrapper a context is given until the
 * context is purged or destroyed, so re-pointing without a purge grows native memory on each call.
 *
 * <p>Scalars given as plain doubles ({@link #in(double)}) live in 0-d arrays the slot owns, of the
 * first input's data type; a changed value is written into that array in place.
 *
 * <p>On the CPU a slot goes straight to libnd4j's {@code execCustomOp2} and passes arguments through
 * native buffers it keeps, so a steady-state call allocates no native memory. Other backends run
 * through {@code Nd4j.getExecutioner()}, which also moves data between host and device.
 */
public final class OpSlot {
    private static final NativeOps DIRECT = Nd4j.getEnvironment().isCPU()
            ? NativeOpsHolder.getInstance().getDeviceNativeOps() : null;
    private static final int MAX_ARRAYS = 8;
    private static final int MAX_ARGUMENTS = 8;

    private String name;
    private CustomOp descriptor;
    private long hash;
    private OpContext context;

    private final INDArray[] inputs = new INDArray[MAX_ARRAYS];
    private final INDArray[] outputs = new INDArray[MAX_ARRAYS];
    private final INDArray[] scalars = new INDArray[MAX_ARRAYS];
    private int inputCount;
    private int outputCount;
    private int boundInputs;
    private int boundOutputs;
    private boolean arraysChanged;

    private final double[] floats = new double[MAX_ARGUMENTS];
    private final long[] integers = new long[MAX_ARGUMENTS];
    private final boolean[] flags = new boolean[MAX_ARGUMENTS];
    private int floatCount;
    private int integerCount;
    private int flagCount;
    private int boundFloats;
    private int boundIntegers;
    private int boundFlags;
    private boolean argumentsChanged;
    private DoublePointer floatPointer;
    private LongPointer integerPointer;
    private BooleanPointer flagPointer;

    OpSlot() {
    }

    /** Starts a call of op {@code opName}; a different op than last time releases the old context. */
    OpSlot start(String opName) {
        if (!opName.equals(name)) {
            release();
            descriptor = DynamicCustomOp.builder(opName).build();
            hash = descriptor.opHash();
            name = opName;
        }
        inputCount = 0;
        outputCount = 0;
        floatCount = 0;
        integerCount = 0;
        flagCount = 0;
        arraysChanged = false;
        argumentsChanged = false;
        return this;
    }

    /** The next input array. */
    public OpSlot in(INDArray array) {
        checkRoom(inputCount, MAX_ARRAYS, "inputs");
        if (inputs[inputCount] != array) {
            inputs[inputCount] = array;
            arraysChanged = true;
        }
        inputCount++;
        return this;
    }

    /** The next input: the scalar {@code value} as a 0-d array of the first input's data type. */
    public OpSlot in(double value) {
        if (inputCount == 0) {
            throw new IllegalStateException("op " + name + ": a scalar operand needs an array input before it (its data type)");
        }
        DataType type = inputs[0].dataType();
        INDArray scalar = scalars[inputCount];
        if (scalar == null || scalar.dataType() != type) {
            scalar = Nd4j.scalar(type, value);
            scalars[inputCount] = scalar;
        } else if (scalar.getDouble(0L) != value) {
            scalar.putScalar(0L, value);
        }
        return in(scalar);
    }

    /** The next output array. */
    public OpSlot out(INDArray array) {
        checkRoom(outputCount, MAX_ARRAYS, "outputs");
        if (outputs[outputCount] != array) {
            outputs[outputCount] = array;
            arraysChanged = true;
        }
        outputCount++;
        return this;
    }

    /** The next floating-point argument. */
    public OpSlot t(double value) {
        checkRoom(floatCount, MAX_ARGUMENTS, "floating-point arguments");
        if (floatCount >= boundFloats || Double.compare(floats[floatCount], value) != 0) {
            argumentsChanged = true;
        }
        floats[floatCount++] = value;
        return this;
    }

    /** The next integer argument. */
    public OpSlot i(long value) {
        checkRoom(integerCount, MAX_ARGUMENTS, "integer arguments");
        if (integerCount >= boundIntegers || integers[integerCount] != value) {
            argumentsChanged = true;
        }
        integers[integerCount++] = value;
        return this;
    }

    /** The next boolean argument. */
    public OpSlot b(boolean value) {
        checkRoom(flagCount, MAX_ARGUMENTS, "boolean arguments");
        if (flagCount >= boundFlags || flags[flagCount] != value) {
            argumentsChanged = true;
        }
        flags[flagCount++] = value;
        return this;
    }

    /** Runs the op on the arrays and arguments just given, re-pointing or building its context first as needed. */
    public void run() {
        if (context == null) {
            context = Nd4j.getExecutioner().buildContext();
            bind();
        } else if (arraysChanged || inputCount != boundInputs || outputCount != boundOutputs) {
            context.purge();
            bind();
        } else if (argumentsChanged || floatCount != boundFloats || integerCount != boundIntegers || flagCount != boundFlags) {
            bindArguments();
        }
        if (DIRECT == null) {
            Nd4j.getExecutioner().exec(descriptor, context);
            return;
        }
        int status = DIRECT.execCustomOp2(null, hash, context.contextPointer());
        if (status != 0) {
            throw new IllegalStateException("ND4J op " + name + " failed (status " + status + ") on inputs " + shapes(inputs, inputCount)
                    + " and outputs " + shapes(outputs, outputCount) + ": " + DIRECT.lastErrorMessage());
        }
    }

    /** Gives the context every array and argument of this call. */
    private void bind() {
        for (int k = 0; k < inputCount; k++) {
            context.setInputArray(k, inputs[k]);
        }
        for (int k = 0; k < outputCount; k++) {
            context.setOutputArray(k, outputs[k]);
        }
        Arrays.fill(inputs, inputCount, MAX_ARRAYS, null);
        Arrays.fill(outputs, outputCount, MAX_ARRAYS, null);
        boundInputs = inputCount;
        boundOutputs = outputCount;
        bindArguments();
    }

    private void bindArguments() {
        if (DIRECT == null) {
            context.setTArguments(Arrays.copyOf(floats, floatCount));
            context.setIArguments(Arrays.copyOf(integers, integerCount));
            context.setBArguments(Arrays.copyOf(flags, flagCount));
        } else {
            OpaqueContext pointer = (OpaqueContext) context.contextPointer();
            if (floatCount > 0) {
                floatPointer = floatPointer == null ? new DoublePointer(MAX_ARGUMENTS) : floatPointer;
                DIRECT.setGraphContextTArguments(pointer, floatPointer.put(floats, 0, floatCount), floatCount);
            }
            if (integerCount > 0) {
                integerPointer = integerPointer == null ? new LongPointer(MAX_ARGUMENTS) : integerPointer;
                DIRECT.setGraphContextIArguments(pointer, integerPointer.put(integers, 0, integerCount), integerCount);
            }
            if (flagCount > 0) {
                flagPointer = flagPointer == null ? new BooleanPointer(MAX_ARGUMENTS) : flagPointer;
                for (int k = 0; k < flagCount; k++) {
                    flagPointer.put(k, flags[k]);
                }
                DIRECT.setGraphContextBArguments(pointer, flagPointer, flagCount);
            }
        }
        boundFloats = floatCount;
        boundIntegers = integerCount;
        boundFlags = flagCount;
    }

    /** Drops the native context and the arrays this slot refers to. */
    void release() {
        if (context != null) {
            try {
                context.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the native context of op " + name, e);
            }
            context = null;
        }
        Arrays.fill(inputs, null);
        Arrays.fill(outputs, null);
        Arrays.fill(scalars, null);
        boundInputs = 0;
        boundOutputs = 0;
        boundFloats = 0;
        boundIntegers = 0;
        boundFlags = 0;
        name = null;
    }

    private void checkRoom(int count, int limit, String what) {
        if (count >= limit) {
            throw new IllegalStateException("op " + name + " takes more than " + limit + " " + what + " here");
        }
    }

    private static String shapes(INDArray[] arrays, int count) {
        StringBuilder text = new StringBuilder("[");
        for (int k = 0; k < count; k++) {
            text.append(k == 0 ? "" : ", ").append(Arrays.toString(arrays[k].shape())).append(' ').append(arrays[k].dataType());
        }
        return text.append(']').toString();
    }
}
