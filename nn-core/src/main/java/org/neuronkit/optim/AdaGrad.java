package org.neuronkit.optim;

import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSlot;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011) over the flat buffer with g = ∂R/∂θ: h ← h + g²,
 * θ ← θ − α g / (√h + ε), element by element, so each parameter's rate falls with the sum of its
 * squared gradients. The sum h has the parameters' shape and starts at zero. One Java pass for FLOAT
 * parameters in host memory ({@link FloatUpdatePass}), else one fused native {@code ada_grad_updater}
 * op, which turns g into the update and advances h, then one subtraction.
 */
public final class AdaGrad extends FusedUpdater {
    private final double epsilon;

    /** @param epsilon ε &gt; 0, added to √h */
    public AdaGrad(double learningRate, double epsilon) {
        super(learningRate, "ada_grad_updater", "squares", new HostPass(checkedEpsilon(epsilon)));
        this.epsilon = epsilon;
    }

    /** ε itself, if finite and &gt; 0 (libnd4j's updaters would replace 0 by their own); else a ConfigurationException. */
    static double checkedEpsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new ConfigurationException("ε must be a finite number > 0, got " + epsilon);
        }
        return epsilon;
    }

    @Override
    OpSlot arguments(OpSlot op) {
        return op.t(learningRate()).t(epsilon);
    }

    @Override
    public AdaGradSpec spec() {
        return new AdaGradSpec(baseRate(), epsilon);
    }

    /** AdaGrad's rule for {@link FloatUpdatePass}: s is the sum of squares h, the pass's rate is α. */
    private static final class HostPass extends FloatUpdatePass {
        private final float epsilon;

        HostPass(double epsilon) {
            this.epsilon = (float) epsilon;
        }

        @Override
        void update(float[] theta, float[] g, float[] squares, float[] unused, float alpha, int len) {
            for (int i = 0; i < len; i++) {
                float gi = g[i];
                float hi = squares[i] + gi * gi;
                squares[i] = hi;
                theta[i] -= alpha * gi / ((float) Math.sqrt(hi) + epsilon);
            }
        }
    }
}
