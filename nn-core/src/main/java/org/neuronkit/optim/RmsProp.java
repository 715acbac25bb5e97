package org.neuronkit.optim;

import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSlot;

/**
 * RMSProp (Tieleman &amp; Hinton 2012) over the flat buffer with g = ∂R/∂θ: s ← ρs + (1 − ρ)g²,
 * θ ← θ − α g / (√s + ε), element by element. The mean square s has the parameters' shape and starts
 * at zero. One Java pass for FLOAT parameters in host memory ({@link FloatUpdatePass}), else one
 * fused native {@code rms_prop_updater} op, which turns g into the update and advances s, then one
 * subtraction.
 */
public final class RmsProp extends FusedUpdater {
    private final double decay;
    private final double epsilon;

    /**
     * @param decay ρ in [0, 1), the weight of the old mean square
     * @param epsilon ε &gt; 0, added to √s
     */
    public RmsProp(double learningRate, double decay, double epsilon) {
        super(learningRate, "rms_prop_updater", "meanSquare", new HostPass(checkedDecay(decay), AdaGrad.checkedEpsilon(epsilon)));
        this.decay = decay;
        this.epsilon = epsilon;
    }

    /** ρ itself, if in [0, 1); else a ConfigurationException. */
    static double checkedDecay(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new ConfigurationException("RMSProp's decay ρ must be in [0, 1), got " + decay);
        }
        return decay;
    }

    @Override
    OpSlot arguments(OpSlot op) {
        return op.t(learningRate()).t(decay).t(epsilon);
    }

    @Override
    public RmsPropSpec spec() {
        return new RmsPropSpec(baseRate(), decay, epsilon);
    }

    /** RMSProp's rule for {@link FloatUpdatePass}: s is the mean square, the pass's rate is α. */
    private static final class HostPass extends FloatUpdatePass {
        private final float decay;
        private final float oneMinusDecay;
        private final float epsilon;

        HostPass(double decay, double epsilon) {
            this.decay = (float) decay;
            this.oneMinusDecay = (float) (1 - decay);
            this.epsilon = (float) epsilon;
        }

        @Override
        void update(float[] theta, float[] g, float[] meanSquare, float[] unused, float alpha, int len) {
            for (int i = 0; i < len; i++) {
                float gi = g[i];
                float si = decay * meanSquare[i] + oneMinusDecay * gi * gi;
                meanSquare[i] = si;
                theta[i] -= alpha * gi / ((float) Math.sqrt(si) + epsilon);
            }
        }
    }
}
