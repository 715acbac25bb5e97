package org.neuronkit.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain (minibatch) gradient descent, docs/chapter.md §3: θ ← θ − α ∂R/∂θ, which on the weights is
 * W ← W − α((1/N) Σ ∂L/∂W + λW) and on the biases b ← b − α (1/N) Σ ∂L/∂b. One BLAS axpy.
 */
public final class Sgd extends LearningRateOptimizer {

    public Sgd(double learningRate) {
        super(learningRate);
    }

    @Override
    public void step(INDArray parameters, INDArray gradients) {
        Nd4j.getBlasWrapper().level1().axpy(parameters.length(), -learningRate(), gradients, parameters);
    }

    @Override
    public Map<String, INDArray> state() {
        return Map.of();
    }

    @Override
    public SgdSpec spec() {
        return new SgdSpec(baseRate());
    }
}
