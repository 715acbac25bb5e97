package org.neuronkit.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain (minibatch) gradient descent, SPEC §3: θ ← θ − α ∂R/∂θ, which on the weights is
 * W ← W − α((1/N) Σ ∂L/∂W + λW) and on the biases b ← b − α (1/N) Σ ∂L/∂b. One BLAS axpy.
 */
public final class Sgd implements Optimizer {
    private double learningRate;

    public Sgd(double learningRate) {
        this.learningRate = LearningRate.check(learningRate);
    }

    @Override
    public void step(INDArray parameters, INDArray gradients) {
        Nd4j.getBlasWrapper().level1().axpy(parameters.length(), -learningRate, gradients, parameters);
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = LearningRate.check(learningRate);
    }

    @Override
    public Map<String, INDArray> state() {
        return Map.of();
    }

    @Override
    public String describe() {
        return "sgd(lr=" + learningRate + ")";
    }
}
