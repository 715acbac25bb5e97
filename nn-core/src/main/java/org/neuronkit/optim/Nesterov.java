package org.neuronkit.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ops.OpSequence;

/**
 * Nesterov's accelerated gradient in the form of Sutskever et al. (2013), as Keras and PyTorch write it,
 * over the flat buffer with g = ∂R/∂θ: v ← μv − αg, then θ ← θ + μv − αg (with the new v), which
 * equals θ ← θ − (μv_prev − (1 + μ)v). The velocity v has the parameters' shape (one entry per
 * parameter) and starts at zero. One fused native {@code nesterovs_updater} op, which turns g into
 * the update μv_prev − (1 + μ)v and advances v, then one subtraction.
 */
public final class Nesterov extends LearningRateOptimizer {
    private final double momentum;
    private INDArray velocity;
    private final OpSequence stepOps = new OpSequence();

    /** @param momentum μ in [0, 1) */
    public Nesterov(double learningRate, double momentum) {
        super(learningRate);
        this.momentum = Momentum.checkedMomentum(momentum);
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
        ops.op("nesterovs_updater").in(gradients).in(velocity).out(gradients).out(velocity).t(learningRate()).t(momentum).run();
        ops.sub(parameters, gradients, parameters);
    }

    @Override
    public Map<String, INDArray> state() {
        return velocity == null ? Map.of() : Map.of("velocity", velocity);
    }

    @Override
    public String describe() {
        return "nesterov(lr=" + learningRate() + ", mu=" + momentum + ")";
    }
}
