package org.neuronkit.spark;

import java.util.List;
import org.neuronkit.ConfigurationException;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.registry.Registry;

/**
 * The losses the Spark estimators train, read from the loss registry: {@link NeuronKitClassifier} trains softmax
 * cross-entropy (class-weighted through its {@code classWeights} param), {@link NeuronKitRegressor} any registry
 * loss that is not a classifier's, on the standardised label. One place for both estimators and the support
 * matrix ({@link SparkSupport}); no Spark class is needed to ask it.
 */
final class SparkLosses {
    /** The classifier's loss. */
    static final String CLASSIFIER = "softmax-cross-entropy";

    private SparkLosses() {
    }

    /** The usages of the registry's losses that are not a classifier's: what NeuronKitRegressor takes. */
    static List<String> regression() {
        return Losses.REGISTRY.entries().stream().filter(e -> !Losses.parse(e.name()).classifies()).map(Registry.Entry::usage).toList();
    }

    /**
     * The regression loss {@code spec} names, as its spec string.
     *
     * @throws ConfigurationException naming the loss and those NeuronKitRegressor takes when it is a classifier's
     */
    static String regression(String spec) {
        Loss parsed = Losses.parse(spec);
        if (parsed.classifies()) {
            throw new ConfigurationException("loss '" + spec + "' is a classifier's; NeuronKitRegressor takes "
                    + String.join(", ", regression()) + " (use NeuronKitClassifier for classes)");
        }
        return parsed.spec();
    }
}
