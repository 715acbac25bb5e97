package org.neuronkit.optim;

import org.neuronkit.ops.OpSlot;

/**
 * Nesterov's accelerated gradient in the form of Sutskever et al. (2013), as Keras and PyTorch write it,
 * over the flat buffer with g = ∂R/∂θ: v ← μv − αg, then θ ← θ + μv − αg (with the new v), which
 * equals θ ← θ − (μv_prev − (1 + μ)v). The velocity v has the parameters' shape (one entry per
 * parameter) and starts at zero. One Java pass for FLOAT parameters in host memory
 * ({@link FloatUpdatePass}), else one fused native {@code nesterovs_updater} op, which turns g into
 * the update μv_prev − (1 + μ)v and advances v, then one subtraction.
 */
public final class Nesterov extends FusedUpdater {
    private final double momentum;

    /** @param momentum μ in [0, 1) */
    public Nesterov(double learningRate, double momentum) {
        super(learningRate, "nesterovs_updater", "velocity", new HostPass(Momentum.checkedMomentum(momentum)));
        this.momentum = momentum;
    }

    @Override
    OpSlot arguments(OpSlot op) {
        return op.t(learningRate()).t(momentum);
    }

    @Override
    public NesterovSpec spec() {
        return new NesterovSpec(baseRate(), momentum);
    }

    /** Nesterov's rule for {@link FloatUpdatePass}: s is the velocity v, the pass's rate is α. */
    private static final class HostPass extends FloatUpdatePass {
        private final float momentum;

        HostPass(double momentum) {
            this.momentum = (float) momentum;
        }

        @Override
        void update(float[] theta, float[] g, float[] velocity, float[] unused, float alpha, int len) {
            for (int i = 0; i < len; i++) {
                float vi = momentum * velocity[i] - alpha * g[i];
                velocity[i] = vi;
                theta[i] += momentum * vi - alpha * g[i];
            }
        }
    }
}
