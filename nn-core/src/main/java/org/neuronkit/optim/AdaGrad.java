package org.neuronkit.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSequence;

/**
 * AdaGrad (Duchi, Hazan &amp; Singer 2011) over the flat buffer with g = ∂R/∂θ: h ← h + g²,
 * θ ← θ − α g / (√h + ε), element by element, so each parameter's rate falls with the sum of its
 * squared gradients. The sum h has the parameters' shape and starts at zero. One fused native
 * {@code ada_grad_updater} op, which turns g into the update and advances h, then one subtraction.
 */
public final class AdaGrad extends LearningRateOptimizer {
    private final double epsilon;
    private INDArray squares;
    private final OpSequence stepOps = new OpSequence();

    /** @param epsilon ε &gt; 0, added to √h */
    public AdaGrad(double learningRate, double epsilon) {
        super(learningRate);
        this.epsilon = checkedEpsilon(epsilon);
    }

    /** ε itself, if finite and &gt; 0 (libnd4j's updaters would replace 0 by their own); else a ConfigurationException. */
    static double checkedEpsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new ConfigurationException("ε must be a finite number > 0, got " + epsilon);
        }
        return epsilon;
    }

    @Override
    public void prepare(INDArray parameters) {
        if (squares == null) {
            squares = parameters.ulike().assign(0);
        }
    }

    @Override
    public void step(INDArray parameters, INDArray gradients) {
        prepare(parameters);
        OpSequence ops = stepOps.begin();
        ops.op("ada_grad_updater").in(gradients).in(squares).out(gradients).out(squares).t(learningRate()).t(epsilon).run();
        ops.sub(parameters, gradients, parameters);
    }

    @Override
    public Map<String, INDArray> state() {
        return squares == null ? Map.of() : Map.of("squares", squares);
    }

    @Override
    public String describe() {
        return "adagrad(lr=" + learningRate() + ", eps=" + epsilon + ")";
    }
}
