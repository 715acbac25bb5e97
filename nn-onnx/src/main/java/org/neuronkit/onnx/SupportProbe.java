package org.neuronkit.onnx;

import java.util.Optional;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.data.Normalizers;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.LayerKind;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.Layers;
import org.neuronkit.layer.OutputSpec;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.registry.Registry;
import org.neuronkit.support.Family;
import org.neuronkit.support.Support;

/**
 * The small models through which the ONNX paths answer for a registry entry ({@link OnnxExportSupport},
 * {@link OnnxImportSupport}): for each example spec of the entry, a 4-input network that uses it (an
 * activation in a dense layer, a layer kind before the output layer, a loss on the output layer, a normaliser
 * fitted on 20 random rows). Optimizers and schedules are training, not part of a model: both paths refuse them.
 */
final class SupportProbe {
    private static final int INPUTS = 4;

    private SupportProbe() {
    }

    /** What a path does with one probe model: nothing (it serves it), or a {@code ConfigurationException} / {@code ModelFileException}. */
    @FunctionalInterface
    interface Check {
        void accept(ModelFile.Model model);
    }

    /** The path's answer for {@code entry}: served if {@code check} passes on the probe of every example, else refused with its message. */
    static Support answer(Family family, Registry.Entry<?> entry, Check check) {
        if (family == Family.OPTIMIZER || family == Family.SCHEDULE) {
            return Support.refused("training, not part of a model: an ONNX file holds the trained network for inference");
        }
        for (String example : entry.examples()) {
            try {
                Optional<ModelFile.Model> model = model(family, example);
                if (model.isEmpty()) {
                    return Support.refused("no probe model can hold '" + example + "' (a layer kind without a width)");
                }
                check.accept(model.get());
            } catch (RuntimeException e) {
                return Support.refused("'" + example + "': " + e.getMessage());
            }
        }
        return Support.yes();
    }

    private static Optional<ModelFile.Model> model(Family family, String example) {
        NetworkBuilder network = Network.builder(INPUTS).seed(1);
        Normalizer normalizer = null;
        switch (family) {
            case ACTIVATION -> network.dense(3, Activations.parse(example)).output(2, Losses.squaredError());
            case LOSS -> network.dense(3, Activations.tanh()).output(outputs(Losses.parse(example)), Losses.parse(example));
            case NORMALISER -> {
                network.dense(3, Activations.relu()).output(2, Losses.softmaxCrossEntropy());
                normalizer = Normalizers.parse(example);
                if (normalizer != null) {
                    normalizer.fit(Nd4j.randn(2L, new long[] {20, INPUTS}).castTo(DataType.FLOAT));
                }
            }
            case LAYER -> {
                Optional<LayerSpec> layer = layer(Layers.REGISTRY.parse(example));
                if (layer.isEmpty()) {
                    return Optional.empty();
                }
                network.add(layer.get());
                if (!(layer.get() instanceof OutputSpec)) {
                    network.output(2, Losses.softmaxCrossEntropy());
                }
            }
            default -> throw new ConfigurationException(family + " has no probe model");
        }
        return Optional.of(new ModelFile.Model(network.build(), normalizer));
    }

    /** A spec of {@code kind}: a hidden layer of 3 units, or the layer of its type in a network of every built-in kind. */
    private static Optional<LayerSpec> layer(LayerKind kind) {
        if (kind.hidden() != null) {
            return Optional.of(kind.hidden().apply(3));
        }
        try (Network everyKind = Network.builder(INPUTS).dense(3, Activations.relu()).dropout(0.2).batchNorm().maxout(3, 2)
                .output(2, Losses.softmaxCrossEntropy()).build()) {
            return everyKind.specs().stream().filter(kind.specType()::isInstance).findFirst();
        }
    }

    /** The fewest outputs, from 2, that {@code loss} takes (one per class weight where it has them). */
    private static int outputs(Loss loss) {
        for (int units = 2; units < 64; units++) {
            try {
                loss.checkOutputSize(units);
                return units;
            } catch (ConfigurationException e) {
                // try the next width
            }
        }
        throw new ConfigurationException(loss.spec() + " takes no output width below 64");
    }
}
