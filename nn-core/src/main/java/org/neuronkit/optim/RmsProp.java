package org.neuronkit.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSequence;

/**
 * RMSProp (Tieleman &amp; Hinton 2012) over the flat buffer with g = ∂R/∂θ: s ← ρs + (1 − ρ)g²,
 * θ ← θ − α g / (√s + ε), element by element. The mean square s has the parameters' shape and starts
 * at zero. One fused native {@code rms_prop_updater} op, which turns g into the update and advances
 * s, then one subtraction.
 */
public final class RmsProp extends LearningRateOptimizer {
    private final double decay;
    private final double epsilon;
    private INDArray meanSquare;
    private final OpSequence stepOps = new OpSequence();

    /**
     * @param decay ρ in [0, 1), the weight of the old mean square
     * @param epsilon ε &gt; 0, added to √s
     */
    public RmsProp(double learningRate, double decay, double epsilon) {
        super(learningRate);
        if (!(decay >= 0 && decay < 1)) {
            throw new ConfigurationException("RMSProp's decay ρ must be in [0, 1), got " + decay);
        }
        this.decay = decay;
        this.epsilon = AdaGrad.checkedEpsilon(epsilon);
    }

    @Override
    public void prepare(INDArray parameters) {
        if (meanSquare == null) {
            meanSquare = parameters.ulike().assign(0);
        }
    }

    @Override
    public void step(INDArray parameters, INDArray gradients) {
        prepare(parameters);
        OpSequence ops = stepOps.begin();
        ops.op("rms_prop_updater").in(gradients).in(meanSquare).out(gradients).out(meanSquare)
                .t(learningRate()).t(decay).t(epsilon).run();
        ops.sub(parameters, gradients, parameters);
    }

    @Override
    public Map<String, INDArray> state() {
        return meanSquare == null ? Map.of() : Map.of("meanSquare", meanSquare);
    }

    @Override
    public String describe() {
        return "rmsprop(lr=" + learningRate() + ", rho=" + decay + ", eps=" + epsilon + ")";
    }
}
