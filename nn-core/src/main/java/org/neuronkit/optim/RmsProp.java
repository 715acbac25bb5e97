package org.neuronkit.optim;

import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSlot;

/**
 * RMSProp (Tieleman &amp; Hinton 2012) over the flat buffer with g = ∂R/∂θ: s ← ρs + (1 − ρ)g²,
 * θ ← θ − α g / (√s + ε), element by element. The mean square s has the parameters' shape and starts
 * at zero. One fused native {@code rms_prop_updater} op, which turns g into the update and advances
 * s, then one subtraction.
 */
public final class RmsProp extends FusedUpdater {
    private final double decay;
    private final double epsilon;

    /**
     * @param decay ρ in [0, 1), the weight of the old mean square
     * @param epsilon ε &gt; 0, added to √s
     */
    public RmsProp(double learningRate, double decay, double epsilon) {
        super(learningRate, "rms_prop_updater", "meanSquare");
        this.decay = checkedDecay(decay);
        this.epsilon = AdaGrad.checkedEpsilon(epsilon);
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
}
