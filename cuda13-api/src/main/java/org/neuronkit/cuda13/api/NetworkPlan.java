package org.neuronkit.cuda13.api;

import java.util.Arrays;

/**
 * A dense network as the engine trains it.
 *
 * @param sizes layer sizes, inputs first, outputs last
 * @param activations one activation per hidden layer
 * @param loss the output layer's loss
 * @param l1 λ₁ of the structural risk (λ₁ Σ|W| on the weights)
 * @param l2 λ₂ of the structural risk ((λ₂/2) Σ‖W‖² on the weights)
 * @param parameters the flat parameters: every W⁽ˡ⁾ (M_l × M_{l−1}, row-major), then every b⁽ˡ⁾
 */
public record NetworkPlan(int[] sizes, ActivationPlan[] activations, LossPlan loss, double l1, double l2, float[] parameters) {

    public NetworkPlan {
        sizes = sizes.clone();
        activations = activations.clone();
        if (activations.length != sizes.length - 2) {
            throw new IllegalArgumentException(Math.max(0, sizes.length - 2) + " hidden layers need as many activations, got " + activations.length
                    + " for sizes " + Arrays.toString(sizes));
        }
    }
}
