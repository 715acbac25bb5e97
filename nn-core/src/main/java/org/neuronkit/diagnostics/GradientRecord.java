package org.neuronkit.diagnostics;

import java.util.List;

/**
 * Every layer's {@link LayerGradient} at one training step.
 *
 * @param epoch the epoch, from 1
 * @param step the step within the epoch, from 1
 * @param globalStep the step counted over the whole run, from 1
 * @param layers one entry per layer, input side first
 */
public record GradientRecord(int epoch, int step, long globalStep, List<LayerGradient> layers) {

    public GradientRecord {
        layers = List.copyOf(layers);
    }
}
