package org.neuronkit.cuda13;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.neuronkit.cuda13.engine.Buffer;
import org.neuronkit.cuda13.engine.HostMemory;
import org.neuronkit.cuda13.engine.Kernel;
import org.neuronkit.cuda13.engine.KernelOps;
import org.neuronkit.cuda13.engine.StepGraphs;

/**
 * {@link org.neuronkit.cuda13.engine.Ops} whose kernels are the CUDA C of kernels.cu itself, compiled for the host ({@link HostKernels}):
 * every launch's arguments are packed by {@link KernelOps}, the code CudaOps launches with, so the host check also
 * checks CudaOps' argument order. Memory is host arrays. The GEMM is cuBLAS's, not a kernel of kernels.cu, and
 * is refused.
 */
final class HostKernelOps extends HostMemory implements KernelOps {
    /** Every kernel launched in this JVM, so that a test can name the kernels no check ran. */
    static final Set<Kernel> LAUNCHED = EnumSet.noneOf(Kernel.class);
    /** Blocks for grid-stride loops: few enough that every thread strides more than once. */
    private static final int STRIDED = 3;

    /**
     * One launch as protocol tokens, its arguments packed by {@link KernelOps} (the launches CudaOps makes), and the
     * buffers to copy back. A grid-stride loop gets {@value #STRIDED} blocks, one thread per item one block more
     * than the items (the surplus thread must do nothing), a single thread one block.
     */
    @Override
    public Args launch(Kernel kernel, Work work) {
        int blocks = switch (work.cover()) {
            case STRIDED -> STRIDED;
            case PER_ITEM -> Math.toIntExact(work.count()) + 1;
            case SINGLE -> 1;
        };
        StringBuilder input = new StringBuilder();
        List<Buffer> arrays = new ArrayList<>();
        return new Args(kernel) {
            @Override
            protected void putInt(int index, int v) {
                input.append(" i ").append(v);
            }

            @Override
            protected void putFloat(int index, float v) {
                input.append(" f ").append(Float.toHexString(v));
            }

            @Override
            protected void putLong(int index, long v) {
                input.append(" l ").append(v);
            }

            @Override
            protected void putBuffer(int index, Buffer buffer) {
                arrays.add(buffer);
                if (buffer == null) {
                    input.append(" N");
                    return;
                }
                float[] f = floatStorage(buffer);
                int[] i = intStorage(buffer);
                input.append(f != null ? " F " : " I ").append(buffer.length());
                for (int k = 0; k < buffer.length(); k++) {
                    int at = (int) buffer.offset() + k;
                    input.append(' ').append(f != null ? Float.toHexString(f[at]) : Integer.toString(i[at]));
                }
            }

            @Override
            protected void launch() {
                LAUNCHED.add(kernel);
                List<String> lines = HostKernels.launch(kernel.entry(), blocks, input.toString());
                for (int a = 0; a < arrays.size(); a++) {
                    if (arrays.get(a) != null) {
                        copyBack(lines.get(a), arrays.get(a));
                    }
                }
            }
        };
    }

    /** One output line of host_kernels into the buffer it came from. */
    private static void copyBack(String line, Buffer buffer) {
        float[] f = floatStorage(buffer);
        int[] i = intStorage(buffer);
        String[] values = line.split(" ");
        for (int k = 0; k < buffer.length(); k++) {
            int at = (int) buffer.offset() + k;
            if (f != null) {
                f[at] = parseFloat(values[k + 1]);
            } else {
                i[at] = Integer.parseInt(values[k + 1]);
            }
        }
    }

    /** C's %a, with its spellings of infinity and NaN. */
    private static float parseFloat(String text) {
        return switch (text) {
            case "inf" -> Float.POSITIVE_INFINITY;
            case "-inf" -> Float.NEGATIVE_INFINITY;
            case "nan", "-nan" -> Float.NaN;
            default -> Float.parseFloat(text);
        };
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, Buffer a, Buffer b, Buffer c) {
        throw new UnsupportedOperationException("the GEMM is cuBLAS's, not a kernel of kernels.cu");
    }

    @Override
    public StepGraphs.Executor graphExecutor() {
        return StepGraphs.Executor.RERUN;
    }

    @Override
    public String device() {
        return "kernels.cu compiled for the host";
    }
}
