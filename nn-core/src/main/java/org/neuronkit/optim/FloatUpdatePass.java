package org.neuronkit.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An update rule's element-wise step as one Java pass over FLOAT arrays in host memory: for every
 * entry i, θ_i and the rule's state (s_i, and r_i for a rule with two) are updated from g_i, in float
 * arithmetic. A subclass writes the rule's formula for one chunk ({@link #update}); the gradient is
 * only read.
 *
 * <p>Why not libnd4j's fused updater ops: on the CPU the ones with a square root (Adam, RMSProp,
 * AdaGrad) take several nanoseconds per entry, three to four times this pass, and on a small
 * network they were a large share of the training step (docs/design.md, "Host passes"). Here the
 * arrays go through in chunks that fit in the L1 cache: each chunk of θ, g and the state is copied
 * into heap scratch arrays, updated by a loop the JIT vectorises, and θ and the state are copied
 * back, so every array is read and written once, as by a fused native op.
 *
 * <h2>Shapes</h2>
 * θ, g and each state array have the same length P (any shape, each contiguous in row-major order:
 * element stride 1) and are updated in place. The scratch arrays are the instance's own: one instance per optimizer,
 * not for concurrent steps.
 */
abstract class FloatUpdatePass {
    /** Entries per chunk: four float chunks of 4 KiB each stay in the L1 data cache. */
    static final int CHUNK = 1024;
    private final float[] theta = new float[CHUNK];
    private final float[] g = new float[CHUNK];
    private final float[] s = new float[CHUNK];
    private final float[] r = new float[CHUNK];
    /** The host buffers of θ, g, s and r as the last step had them (a trainer hands in the same arrays every step). */
    private final Chunked[] arrays = new Chunked[4];

    /** Whether the pass can take these arrays: all FLOAT, contiguous in row-major order, of one length, in host memory (the CPU backend). */
    static boolean serves(INDArray parameters, INDArray gradients, INDArray... state) {
        if (!Nd4j.getEnvironment().isCPU() || !fits(parameters, parameters.length()) || !fits(gradients, parameters.length())) {
            return false;
        }
        for (INDArray x : state) {
            if (!fits(x, parameters.length())) {
                return false;
            }
        }
        return true;
    }

    private static boolean fits(INDArray x, long length) {
        return x.dataType() == DataType.FLOAT && x.elementWiseStride() == 1 && (x.rank() <= 1 || x.ordering() == 'c')
                && x.length() == length && x.offset() + x.length() <= Integer.MAX_VALUE;
    }

    /** One step at {@code rate} on arrays {@link #serves} accepts; {@code state} is s, or s and r. */
    final void run(double rate, INDArray parameters, INDArray gradients, INDArray... state) {
        float stepRate = (float) rate;
        Chunked thetaIn = chunked(0, parameters);
        Chunked gIn = chunked(1, gradients);
        Chunked sIn = chunked(2, state[0]);
        Chunked rIn = state.length > 1 ? chunked(3, state[1]) : null;
        int n = (int) parameters.length();
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            thetaIn.read(start, theta, len);
            gIn.read(start, g, len);
            sIn.read(start, s, len);
            if (rIn != null) {
                rIn.read(start, r, len);
            }
            update(theta, g, s, r, stepRate, len);
            thetaIn.write(start, theta, len);
            sIn.write(start, s, len);
            if (rIn != null) {
                rIn.write(start, r, len);
            }
        }
    }

    /** The host buffer of {@code x}, kept in slot {@code slot} while the same array comes back. */
    private Chunked chunked(int slot, INDArray x) {
        if (arrays[slot] == null || arrays[slot].array() != x) {
            arrays[slot] = new Chunked(x);
        }
        return arrays[slot];
    }

    /**
     * The rule for entries [0, len) of one chunk: reads {@code g} and updates {@code theta}, {@code s}
     * (and {@code r}, for a rule with two state arrays) at this step's {@code rate} (α, or Adam's α_t).
     * The arrays arrive as parameters, locals of the loop, which the JIT vectorises.
     */
    abstract void update(float[] theta, float[] g, float[] s, float[] r, float rate, int len);

    /** An array, its host buffer and its first entry's index in it (a view starts at its offset). */
    private record Chunked(INDArray array, FloatBuffer buffer, int at) {
        Chunked(INDArray x) {
            this(x, x.data().asNioFloat(), (int) x.offset());
        }

        void read(int start, float[] chunk, int len) {
            buffer.get(at + start, chunk, 0, len);
        }

        void write(int start, float[] chunk, int len) {
            buffer.put(at + start, chunk, 0, len);
        }
    }
}
