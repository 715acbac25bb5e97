package org.neuronkit.layer;

import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;

/**
 * The output layer: a {@link Dense} layer of {@code units} neurons whose activation belongs to the
 * loss a {@link org.neuronkit.loss.Loss#spec()} names (softmax for softmax-cross-entropy); weights
 * units × inputs. Always the network's last layer.
 */
public record OutputSpec(int units, String loss) implements NeuronsSpec {
    /** A softmax over one output is always 1: such a layer learns nothing, so it is refused here, on every path. */
    public OutputSpec {
        if (units == 1 && loss != null && Losses.parse(loss).outputActivation().spec().equals(Activations.softmax().spec())) {
            throw new ConfigurationException("an output layer of 1 unit with " + loss + ": a softmax over one output is always 1 and"
                    + " learns nothing; for two classes give logistic-cross-entropy with 1 output, or " + loss + " with 2");
        }
    }

    @Override
    public Layer create(int inputSize) {
        return new Dense(inputSize, units, Losses.parse(loss).outputActivation());
    }
}
