package org.neuronkit.cuda13.api;

import java.util.Map;

/**
 * The output layer's loss as its registry entry defines it.
 *
 * @param name the loss's registry name ({@code softmax-cross-entropy}, {@code huber}, …)
 * @param parameters its numeric parameters by the registry's keys (Huber's {@code delta}); empty for none
 * @param outputActivation the output activation of the regression losses ({@code identity}, {@code tanh}, …);
 *     null for the cross-entropies, which fuse their own
 * @param classWeights w_c per class (a row's loss is multiplied by the weight of its class, the sum still
 *     divided by N), or null for none
 */
public record LossPlan(String name, Map<String, Double> parameters, ActivationPlan outputActivation, float[] classWeights) {

    public LossPlan {
        parameters = Map.copyOf(parameters);
        classWeights = classWeights == null ? null : classWeights.clone();
    }
}
