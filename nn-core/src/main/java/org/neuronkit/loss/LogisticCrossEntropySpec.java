package org.neuronkit.loss;

import java.util.List;

/** {@link Losses#logisticCrossEntropy(ClassWeights)}: logistic output(s), binary cross-entropy, times w_y with class weights (empty: none). */
public record LogisticCrossEntropySpec(List<Double> classWeights) implements LossSpec {
    public LogisticCrossEntropySpec {
        classWeights = LossSpec.classWeights(classWeights);
    }

    @Override
    public Loss create() {
        return Losses.logisticCrossEntropy(classWeights.isEmpty() ? null : ClassWeights.of(classWeights));
    }

    @Override
    public String toString() {
        return LossSpec.weighted("logistic-cross-entropy", classWeights);
    }
}
