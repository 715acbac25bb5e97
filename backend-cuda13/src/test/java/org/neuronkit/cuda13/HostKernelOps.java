package org.neuronkit.cuda13;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.neuronkit.cuda13.engine.Buffer;
import org.neuronkit.cuda13.engine.HiddenActivation;
import org.neuronkit.cuda13.engine.HostMemory;
import org.neuronkit.cuda13.engine.Kernel;
import org.neuronkit.cuda13.engine.Ops;
import org.neuronkit.cuda13.engine.OutputLoss;
import org.neuronkit.cuda13.engine.StepGraphs;
import org.neuronkit.cuda13.engine.UpdateKind;

/**
 * {@link Ops} whose kernels are the CUDA C of kernels.cu itself, compiled for the host ({@link HostKernels}):
 * each method packs its arguments as {@code CudaOps} does, checked letter by letter against the
 * {@link Kernel}'s signature. Memory is host arrays. The GEMM is cuBLAS's, not a kernel of kernels.cu, and
 * is refused.
 */
final class HostKernelOps extends HostMemory {
    /** Every kernel launched in this JVM, so that a test can name the kernels no check ran. */
    static final Set<Kernel> LAUNCHED = EnumSet.noneOf(Kernel.class);
    /** Blocks for grid-stride loops: few enough that every thread strides more than once. */
    private static final int STRIDED = 3;

    /** One launch: its arguments in the kernel's order, as protocol tokens, and the buffers to copy back. */
    private static final class Launch {
        private final Kernel kernel;
        private final int blocks;
        private final StringBuilder input = new StringBuilder();
        private final List<Buffer> arrays = new ArrayList<>();
        private int next;

        Launch(Kernel kernel, int blocks) {
            this.kernel = kernel;
            this.blocks = blocks;
        }

        private Launch arg(char letter, String tokens) {
            if (next >= kernel.signature().length() || kernel.signature().charAt(next) != letter) {
                throw new IllegalArgumentException(kernel.entry() + ": argument " + (next + 1) + " is '" + letter + "', the signature is "
                        + kernel.signature());
            }
            next++;
            input.append(' ').append(tokens);
            return this;
        }

        Launch i(int v) {
            return arg('i', "i " + v);
        }

        Launch l(long v) {
            return arg('l', "l " + v);
        }

        Launch f(float v) {
            return arg('f', "f " + Float.toHexString(v));
        }

        Launch p(Buffer buffer) {
            if (buffer == null) {
                arrays.add(null);
                return arg('p', "N");
            }
            arrays.add(buffer);
            float[] f = floatStorage(buffer);
            int[] i = intStorage(buffer);
            StringBuilder tokens = new StringBuilder(f != null ? "F " : "I ").append(buffer.length());
            for (int k = 0; k < buffer.length(); k++) {
                int at = (int) buffer.offset() + k;
                tokens.append(' ').append(f != null ? Float.toHexString(f[at]) : Integer.toString(i[at]));
            }
            return arg('p', tokens.toString());
        }

        void run() {
            if (next != kernel.signature().length()) {
                throw new IllegalArgumentException(kernel.entry() + ": " + next + " arguments for the signature " + kernel.signature());
            }
            LAUNCHED.add(kernel);
            List<String> lines = HostKernels.launch(kernel.entry(), blocks, input.toString());
            for (int a = 0; a < arrays.size(); a++) {
                Buffer buffer = arrays.get(a);
                if (buffer != null) {
                    float[] f = floatStorage(buffer);
                    int[] i = intStorage(buffer);
                    String[] values = lines.get(a).split(" ");
                    for (int k = 0; k < buffer.length(); k++) {
                        int at = (int) buffer.offset() + k;
                        if (f != null) {
                            f[at] = parseFloat(values[k + 1]);
                        } else {
                            i[at] = Integer.parseInt(values[k + 1]);
                        }
                    }
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
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, Buffer a, Buffer b, Buffer c) {
        throw new UnsupportedOperationException("the GEMM is cuBLAS's, not a kernel of kernels.cu");
    }

    @Override
    public void biasActivation(HiddenActivation f, Buffer z, Buffer b, Buffer a, int rows, int cols) {
        new Launch(Kernel.BIAS_ACTIVATION, STRIDED).i(f.kind()).f(f.parameter()).p(z).p(b).p(a).i(rows).i(cols).run();
    }

    @Override
    public void activationBackward(HiddenActivation f, Buffer z, Buffer a, Buffer grad, Buffer delta, long n) {
        new Launch(Kernel.ACTIVATION_BACKWARD, STRIDED).i(f.kind()).f(f.parameter()).p(z).p(a).p(grad).p(delta).l(n).run();
    }

    @Override
    public void softmaxCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts) {
        new Launch(Kernel.SOFTMAX_CROSS_ENTROPY, rows + 1).p(z).p(labels).p(classWeights).p(delta).i(rows).i(cols).p(sums).p(counts).run();
    }

    @Override
    public void logisticCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts) {
        new Launch(Kernel.LOGISTIC_CROSS_ENTROPY, rows + 1).p(z).p(labels).p(classWeights).p(delta).i(rows).i(cols).p(sums).p(counts).run();
    }

    @Override
    public void residualLoss(OutputLoss loss, float h, HiddenActivation f, Buffer z, Buffer y, Buffer delta, int rows, int cols, Buffer sums,
            Buffer counts) {
        new Launch(Kernel.RESIDUAL_LOSS, STRIDED).i(loss.residualCode()).f(h).i(f.kind()).f(f.parameter()).p(z).p(y).p(delta).i(rows).i(cols)
                .p(sums).p(counts).run();
    }

    @Override
    public void columnSums(Buffer delta, Buffer db, int rows, int cols) {
        new Launch(Kernel.COLUMN_SUMS, cols + 1).p(delta).p(db).i(rows).i(cols).run();
    }

    @Override
    public void penalty(Buffer w, Buffer grad, float l1, float l2, long n, Buffer sums, float weight) {
        new Launch(Kernel.PENALTY, STRIDED).p(w).p(grad).f(l1).f(l2).l(n).p(sums).f(weight).run();
    }

    @Override
    public void beginStep(Buffer clock, Buffer norm) {
        new Launch(Kernel.BEGIN_STEP, 1).p(clock).p(norm).run();
    }

    @Override
    public void clipByValue(Buffer g, long n, float maxValue, Buffer norm) {
        new Launch(Kernel.CLIP_BY_VALUE, STRIDED).p(g).l(n).f(maxValue).p(norm).run();
    }

    @Override
    public void clipByNorm(Buffer g, long n, float maxNorm, Buffer norm) {
        new Launch(Kernel.CLIP_BY_NORM, STRIDED).p(g).l(n).f(maxNorm).p(norm).run();
    }

    @Override
    public void noteFirstRisk(Buffer sums, Buffer clock, float rows, Buffer first) {
        new Launch(Kernel.NOTE_FIRST_RISK, 1).p(sums).p(clock).f(rows).p(first).run();
    }

    @Override
    public void finiteCheck(Buffer g, long n, Buffer counts, Buffer clock, Buffer bad) {
        new Launch(Kernel.FINITE_CHECK, STRIDED).p(g).l(n).p(counts).p(clock).p(bad).run();
    }

    @Override
    public void update(UpdateKind.Update rule, Buffer p, Buffer g, Buffer s1, Buffer s2, Buffer rates, Buffer clock, long n, Buffer bad) {
        new Launch(Kernel.OPTIMIZER_UPDATE, STRIDED).i(rule.kind().code()).f(rule.h(0)).f(rule.h(1)).f(rule.h(2)).f(rule.h(3)).l(rule.weightCount())
                .p(p).p(g).p(s1).p(s2).p(rates).p(clock).l(n).p(bad).run();
    }

    @Override
    public void gatherRows(Buffer x, Buffer targets, Buffer index, Buffer clock, int batch, Buffer out, Buffer targetsOut, int rows, int cols,
            int targetCols) {
        new Launch(Kernel.GATHER_ROWS, STRIDED).p(x).p(targets).p(index).p(clock).i(batch).p(out).p(targetsOut).i(rows).i(cols).i(targetCols).run();
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
