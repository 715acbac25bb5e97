package org.neuronkit.cuda13.api;

/**
 * The output layer's loss.
 *
 * @param name the loss's registry name ({@code softmax-cross-entropy}, …)
 * @param classWeights w_c per class (a row's loss is multiplied by the weight of its class, the sum still
 *     divided by N), or null for none
 */
public record LossPlan(String name, float[] classWeights) {

    public LossPlan {
        classWeights = classWeights == null ? null : classWeights.clone();
    }
}
