package org.neuronkit.cuda13;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.neuronkit.cuda13.engine.Buffer;
import org.neuronkit.cuda13.engine.HiddenActivation;
import org.neuronkit.cuda13.engine.Kernel;
import org.neuronkit.cuda13.engine.Ops;

/**
 * {@link Ops} whose kernels are the CUDA C of kernels.cu itself, compiled for the host ({@link HostKernels}):
 * each method packs its arguments as {@code CudaOps} does, checked letter by letter against the
 * {@link Kernel}'s signature. Memory is host arrays. The GEMM is cuBLAS's, not a kernel of kernels.cu, and
 * is refused.
 */
final class HostKernelOps implements Ops {
    /** Every kernel launched in this JVM, so that a test can name the kernels no check ran. */
    static final Set<Kernel> LAUNCHED = EnumSet.noneOf(Kernel.class);
    /** Blocks for grid-stride loops: few enough that every thread strides more than once. */
    private static final int STRIDED = 3;

    /** Host storage: a float[] or an int[]. */
    private static final class Host extends Buffer {
        final float[] f;
        final int[] i;

        Host(float[] f, int[] i, long offset, long length) {
            super(offset, length);
            this.f = f;
            this.i = i;
        }

        @Override
        protected Buffer at(long offset, long length) {
            return new Host(f, i, offset, length);
        }
    }

    /** One launch: its arguments in the kernel's order, as protocol tokens, and the buffers to copy back. */
    private static final class Launch {
        private final Kernel kernel;
        private final int blocks;
        private final StringBuilder input = new StringBuilder();
        private final List<Host> arrays = new ArrayList<>();
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
            Host h = (Host) buffer;
            arrays.add(h);
            StringBuilder tokens = new StringBuilder(h.f != null ? "F " : "I ").append(h.length());
            for (int k = 0; k < h.length(); k++) {
                int at = (int) h.offset() + k;
                tokens.append(' ').append(h.f != null ? Float.toHexString(h.f[at]) : Integer.toString(h.i[at]));
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
                Host h = arrays.get(a);
                if (h != null) {
                    String[] values = lines.get(a).split(" ");
                    for (int k = 0; k < h.length(); k++) {
                        int at = (int) h.offset() + k;
                        if (h.f != null) {
                            h.f[at] = parseFloat(values[k + 1]);
                        } else {
                            h.i[at] = Integer.parseInt(values[k + 1]);
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

    private static Host h(Buffer b) {
        return (Host) b;
    }

    @Override
    public Buffer floats(long n) {
        return new Host(new float[Math.toIntExact(n)], null, 0, n);
    }

    @Override
    public Buffer ints(long n) {
        return new Host(null, new int[Math.toIntExact(n)], 0, n);
    }

    @Override
    public void upload(float[] source, Buffer target) {
        System.arraycopy(source, 0, h(target).f, (int) target.offset(), source.length);
    }

    @Override
    public void upload(int[] source, Buffer target) {
        System.arraycopy(source, 0, h(target).i, (int) target.offset(), source.length);
    }

    @Override
    public void download(Buffer source, float[] target) {
        System.arraycopy(h(source).f, (int) source.offset(), target, 0, target.length);
    }

    @Override
    public void download(Buffer source, int[] target) {
        System.arraycopy(h(source).i, (int) source.offset(), target, 0, target.length);
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
    public void softmaxCrossEntropy(Buffer z, Buffer labels, Buffer delta, int rows, int cols, Buffer sums, Buffer counts) {
        new Launch(Kernel.SOFTMAX_CROSS_ENTROPY, rows + 1).p(z).p(labels).p(delta).i(rows).i(cols).p(sums).p(counts).run();
    }

    @Override
    public void columnSums(Buffer delta, Buffer db, int rows, int cols) {
        new Launch(Kernel.COLUMN_SUMS, cols + 1).p(delta).p(db).i(rows).i(cols).run();
    }

    @Override
    public void l2Penalty(Buffer w, Buffer grad, float lambda, long n, Buffer sums, float weight) {
        new Launch(Kernel.L2_PENALTY, STRIDED).p(w).p(grad).f(lambda).l(n).p(sums).f(weight).run();
    }

    @Override
    public void finiteCheck(Buffer g, long n, Buffer counts, int step, Buffer bad) {
        new Launch(Kernel.FINITE_CHECK, STRIDED).p(g).l(n).p(counts).i(step).p(bad).run();
    }

    @Override
    public void sgd(Buffer p, Buffer g, float lr, long n, Buffer bad) {
        new Launch(Kernel.SGD_UPDATE, STRIDED).p(p).p(g).f(lr).l(n).p(bad).run();
    }

    @Override
    public void momentum(Buffer p, Buffer g, Buffer v, float lr, float mu, long n, Buffer bad) {
        new Launch(Kernel.MOMENTUM_UPDATE, STRIDED).p(p).p(g).p(v).f(lr).f(mu).l(n).p(bad).run();
    }

    @Override
    public void adam(Buffer p, Buffer g, Buffer m, Buffer v, float lrT, float beta1, float beta2, float eps, long n, Buffer bad) {
        new Launch(Kernel.ADAM_UPDATE, STRIDED).p(p).p(g).p(m).p(v).f(lrT).f(beta1).f(beta2).f(eps).l(n).p(bad).run();
    }

    @Override
    public void gatherRows(Buffer x, Buffer labels, Buffer index, Buffer out, Buffer labelsOut, int rows, int cols) {
        new Launch(Kernel.GATHER_ROWS, STRIDED).p(x).p(labels).p(index).p(out).p(labelsOut).i(rows).i(cols).run();
    }

    @Override
    public void synchronize() {
    }

    @Override
    public String device() {
        return "kernels.cu compiled for the host";
    }

    @Override
    public void close() {
    }
}
