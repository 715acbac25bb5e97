package org.neuronkit.optim;

import org.neuronkit.ConfigurationException;

/** Validation of a learning rate: finite and positive. */
final class LearningRate {
    private LearningRate() {
    }

    static double check(double alpha) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new ConfigurationException("the learning rate must be a finite number > 0, got " + alpha);
        }
        return alpha;
    }
}
