package org.neuronkit.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ops.OpSequence;

/**
 * Gradient descent with momentum: v ← μv − α ∂R/∂θ, θ ← θ + v. The velocity v is allocated on the
 * first step, shaped like the parameters.
 */
public final class Momentum extends LearningRateOptimizer {
    private final double momentum;
    private INDArray velocity;
    private final OpSequence stepOps = new OpSequence();

    public Momentum(double learningRate, double momentum) {
        super(learningRate);
        this.momentum = checkedMomentum(momentum);
    }

    /** μ itself, if in [0, 1); else a ConfigurationException. */
    static double checkedMomentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new org.neuronkit.ConfigurationException("momentum μ must be in [0, 1), got " + momentum);
        }
        return momentum;
    }

    @Override
    public void prepare(INDArray parameters) {
        if (velocity == null) {
            velocity = parameters.ulike().assign(0);
        }
    }

    @Override
    public void step(INDArray parameters, INDArray gradients) {
        prepare(parameters);
        OpSequence ops = stepOps.begin();
        ops.mul(velocity, momentum, velocity);
        Nd4j.getBlasWrapper().level1().axpy(parameters.length(), -learningRate(), gradients, velocity);
        ops.add(parameters, velocity, parameters);
    }

    @Override
    public Map<String, INDArray> state() {
        return velocity == null ? Map.of() : Map.of("velocity", velocity);
    }

    @Override
    public MomentumSpec spec() {
        return new MomentumSpec(baseRate(), momentum);
    }
}
