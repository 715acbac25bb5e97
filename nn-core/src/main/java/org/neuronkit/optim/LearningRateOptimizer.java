package org.neuronkit.optim;

import org.neuronkit.ConfigurationException;

/** What every optimizer has: a learning rate α that must stay finite and positive. */
abstract class LearningRateOptimizer implements Optimizer {
    private double learningRate;

    LearningRateOptimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new ConfigurationException("the learning rate must be a finite number > 0, got " + learningRate);
        }
        this.learningRate = learningRate;
    }
}
