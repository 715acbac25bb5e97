package org.neuronkit.optim;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Adam}'s element-wise step as one Java pass over FLOAT arrays in host memory, for every i:
 * m_i ← β₁m_i + (1−β₁)g_i, v_i ← β₂v_i + (1−β₂)g_i², θ_i ← θ_i − α_t m_i / (√v_i + ε), in float
 * arithmetic with α_t given. The gradient is only read.
 *
 * <p>Why not libnd4j's {@code adam_updater}: on the CPU that op takes several nanoseconds per entry
 * (its square root is not vectorised), several times what the pass itself costs, and it ran for a
 * large share of a small network's training step (docs/design.md, "Optimizer steps"). Here the arrays
 * go through in chunks that fit in the L1 cache: each chunk of θ, g, m and v is copied into heap
 * scratch arrays, updated by a loop the JIT vectorises, and θ, m and v are copied back, so every
 * array is read and written once, as by a fused native op.
 *
 * <h2>Shapes</h2>
 * θ, g, m and v have the same length P (any shape, each contiguous: element stride 1); θ, m and v
 * are updated in place. One instance per optimizer: the scratch arrays are its own, so one instance
 * is not for concurrent steps.
 */
final class AdamFloatLoop {
    /** Entries per chunk: four float chunks of 16 KiB together stay in a 48 KiB L1 data cache. */
    private static final int CHUNK = 1024;
    private final float[] theta = new float[CHUNK];
    private final float[] g = new float[CHUNK];
    private final float[] m = new float[CHUNK];
    private final float[] v = new float[CHUNK];

    /** Whether the pass can take these arrays: all FLOAT, contiguous, in host memory (the CPU backend). */
    static boolean serves(INDArray... arrays) {
        if (!Nd4j.getEnvironment().isCPU()) {
            return false;
        }
        for (INDArray x : arrays) {
            if (x.dataType() != DataType.FLOAT || x.elementWiseStride() != 1 || x.length() != arrays[0].length()
                    || x.offset() + x.length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** One step on arrays {@link #serves} accepts, with step size α_t = {@code stepRate}. */
    void step(INDArray parameters, INDArray gradients, INDArray firstMoment, INDArray secondMoment, double beta1, double beta2,
            double stepRate, double epsilon) {
        FloatBuffer thetaBuffer = parameters.data().asNioFloat();
        FloatBuffer gBuffer = gradients.data().asNioFloat();
        FloatBuffer mBuffer = firstMoment.data().asNioFloat();
        FloatBuffer vBuffer = secondMoment.data().asNioFloat();
        int thetaAt = (int) parameters.offset();
        int gAt = (int) gradients.offset();
        int mAt = (int) firstMoment.offset();
        int vAt = (int) secondMoment.offset();
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float c1 = (float) (1 - beta1);
        float c2 = (float) (1 - beta2);
        float alpha = (float) stepRate;
        float eps = (float) epsilon;
        int n = (int) parameters.length();
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            thetaBuffer.get(thetaAt + start, theta, 0, len);
            gBuffer.get(gAt + start, g, 0, len);
            mBuffer.get(mAt + start, m, 0, len);
            vBuffer.get(vAt + start, v, 0, len);
            for (int i = 0; i < len; i++) {
                float gi = g[i];
                float mi = b1 * m[i] + c1 * gi;
                float vi = b2 * v[i] + c2 * gi * gi;
                m[i] = mi;
                v[i] = vi;
                theta[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
            }
            thetaBuffer.put(thetaAt + start, theta, 0, len);
            mBuffer.put(mAt + start, m, 0, len);
            vBuffer.put(vAt + start, v, 0, len);
        }
    }
}
