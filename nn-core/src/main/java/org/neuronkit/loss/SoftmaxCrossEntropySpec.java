package org.neuronkit.loss;

import java.util.List;

/** {@link Losses#softmaxCrossEntropy(ClassWeights)}: softmax output, L = −yᵀ log ŷ, times w_y with class weights (empty: none). */
public record SoftmaxCrossEntropySpec(List<Double> classWeights) implements LossSpec {
    public SoftmaxCrossEntropySpec {
        classWeights = LossSpec.classWeights(classWeights);
    }

    @Override
    public Loss create() {
        return Losses.softmaxCrossEntropy(classWeights.isEmpty() ? null : ClassWeights.of(classWeights));
    }

    @Override
    public String toString() {
        return LossSpec.weighted("softmax-cross-entropy", classWeights);
    }
}
