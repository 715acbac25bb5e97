package org.neuronkit.diagnostics;

/**
 * One layer's gradient measurements at one training step (docs/chapter.md §6, vanishing gradients).
 *
 * @param layer 1-based layer number l
 * @param description the layer, e.g. {@code Dense(16 → 16, logistic)}
 * @param deltaNorm ‖δ⁽ˡ⁾‖_F over the batch (N × M_l; the loss is a batch mean, so δ carries 1/N)
 * @param weightGradientNorm ‖∂R/∂W⁽ˡ⁾‖_F
 * @param weightNorm ‖W⁽ˡ⁾‖_F before the update
 * @param updateRatio ‖ΔW⁽ˡ⁾‖_F / ‖W⁽ˡ⁾‖_F of the optimizer step (NaN when not measured)
 */
public record LayerGradient(int layer, String description, double deltaNorm, double weightGradientNorm,
        double weightNorm, double updateRatio) {
}
