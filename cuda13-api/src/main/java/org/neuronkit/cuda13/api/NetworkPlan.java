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
 * @param parameters the flat parameters: every W⁽ˡ⁾ (M_l × M_{l−1}, row-major), then every b⁽ˡ⁾, then for each batch
 *     norm of {@code sameWidth}, in order, γ, β, the running mean and the running variance (its width each)
 * @param sameWidth the dropout and batch-norm layers after the hidden dense layers, in the network's order
 */
public record NetworkPlan(int[] sizes, ActivationPlan[] activations, LossPlan loss, double l1, double l2, float[] parameters,
        SameWidthPlan[] sameWidth) {

    /** Dense layers only. */
    public NetworkPlan(int[] sizes, ActivationPlan[] activations, LossPlan loss, double l1, double l2, float[] parameters) {
        this(sizes, activations, loss, l1, l2, parameters, new SameWidthPlan[0]);
    }

    public NetworkPlan {
        sizes = sizes.clone();
        activations = activations.clone();
        sameWidth = sameWidth.clone();
        if (activations.length != sizes.length - 2) {
            throw new IllegalArgumentException(Math.max(0, sizes.length - 2) + " hidden layers need as many activations, got " + activations.length
                    + " for sizes " + Arrays.toString(sizes));
        }
    }
}
