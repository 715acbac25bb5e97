package org.neuronkit.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.DataSet;
import org.neuronkit.layer.Layer;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingReport;

/**
 * docs/chapter.md §6's vanishing gradients, measured: the same deep, narrow classifier is built with each
 * activation (same data, same seed, same optimizer) and its per-layer gradient norms are measured on
 * a fixed probe batch before training and again after a few epochs. With σ′ ≤ 0.25 the logistic
 * network's δ shrinks layer by layer towards the input (see {@link DeltaBound}); ReLU's does not.
 * Networks use double precision and no L2, so the norms are those of the loss gradient alone.
 */
public final class VanishingGradientStudy {

    /** sup |f′| of the activations whose bound the study reports (docs/chapter.md §6: σ′ ≤ 1/4, tanh′ ≤ 1). */
    private static final Map<String, Double> MAX_SLOPE = Map.of(
            "logistic", 0.25, "hardlogistic", 0.25, "tanh", 1.0, "hardtanh", 1.0, "relu", 1.0);

    /**
     * What to train.
     *
     * @param hiddenLayers number of hidden layers
     * @param width neurons per hidden layer
     * @param activations activation specs ({@link Activations#parse}), one network each
     * @param optimizer optimizer name ({@link Optimizers#byName})
     * @param learningRate α
     * @param batchSize minibatch size
     * @param epochs epochs of training between the two measurements
     * @param probeSize rows of the data (from the start) the gradients are measured on
     * @param seed seed of initialisation and shuffling, the same for every network
     */
    public record Config(int hiddenLayers, int width, List<String> activations, String optimizer, double learningRate,
            int batchSize, int epochs, int probeSize, long seed) {

        public Config {
            activations = List.copyOf(activations);
            if (activations.isEmpty()) {
                throw new ConfigurationException("the vanishing-gradient study needs at least one activation");
            }
            if (hiddenLayers < 1 || width < 1 || epochs < 1 || probeSize < 1) {
                throw new ConfigurationException("the vanishing-gradient study needs ≥ 1 hidden layer, width, epoch and probe row; got "
                        + hiddenLayers + " layers, width " + width + ", " + epochs + " epochs, probe " + probeSize);
            }
        }

        /** 10 hidden layers of 16, logistic / tanh / ReLU, SGD α = 0.1, batches of 32, 2 epochs, seed 42. */
        public static Config defaults() {
            return new Config(10, 16, List.of("logistic", "tanh", "relu"), "sgd", 0.1, 32, 2, 512, 42);
        }
    }

    /**
     * One activation's network, measured twice.
     *
     * @param activation the activation spec
     * @param start per-layer norms before training (update ratio NaN)
     * @param trained per-layer norms after training
     * @param startBound the {@link DeltaBound} at the start, or null when sup |f′| is not known for this activation
     * @param trainLoss the last epoch's mean training loss
     */
    public record Run(String activation, List<LayerGradient> start, List<LayerGradient> trained, DeltaBound startBound,
            double trainLoss) {

        /** ‖∂R/∂W⁽¹⁾‖ / ‖∂R/∂W⁽ᴸ⁾‖ before training: how much weaker the first layer's gradient is than the output layer's. */
        public double startRatio() {
            return start.get(0).weightGradientNorm() / start.get(start.size() - 1).weightGradientNorm();
        }

        /** The same ratio after training. */
        public double trainedRatio() {
            return trained.get(0).weightGradientNorm() / trained.get(trained.size() - 1).weightGradientNorm();
        }
    }

    private VanishingGradientStudy() {
    }

    /** Trains one network per activation on {@code data} and measures each. */
    public static List<Run> run(Config config, DataSet data) {
        DataSet doubles = data.castTo(DataType.DOUBLE);
        int probe = Math.min(config.probeSize(), doubles.size());
        INDArray x = doubles.features().get(NDArrayIndex.interval(0, probe), NDArrayIndex.all());
        INDArray y = doubles.targets().get(NDArrayIndex.interval(0, probe), NDArrayIndex.all());
        List<Run> runs = new ArrayList<>();
        for (String activation : config.activations()) {
            Network network = build(config, activation, doubles);
            List<LayerGradient> start = measure(network, x, y);
            Double slope = MAX_SLOPE.get(Activations.parse(activation).spec());
            DeltaBound bound = slope == null ? null : DeltaBound.of(network, slope);
            TrainingReport report = new Trainer(Optimizers.byName(config.optimizer(), config.learningRate()),
                    config.batchSize(), config.epochs(), config.seed()).fit(network, doubles, null);
            runs.add(new Run(activation, start, measure(network, x, y), bound, report.last().trainLoss()));
        }
        return runs;
    }

    /** The deep narrow classifier the study trains, for {@code activation}. */
    public static Network build(Config config, String activation, DataSet data) {
        NetworkBuilder builder = Network.builder(data.featureCount()).dataType(DataType.DOUBLE).seed(config.seed());
        for (int l = 0; l < config.hiddenLayers(); l++) {
            builder.dense(config.width(), Activations.parse(activation));
        }
        return builder.output(data.numClasses(), Losses.softmaxCrossEntropy()).build();
    }

    /** Per-layer norms of δ, ∂R/∂W and W for one full-probe gradient (the parameters are not changed). */
    static List<LayerGradient> measure(Network network, INDArray x, INDArray y) {
        network.computeGradient(x, y);
        List<INDArray> gradients = WeightRegions.views(network, network.gradients());
        List<INDArray> weights = WeightRegions.views(network, network.parameters());
        List<LayerGradient> layers = new ArrayList<>();
        for (int l = 0; l < network.layers().size(); l++) {
            Layer layer = network.layers().get(l);
            layers.add(new LayerGradient(l + 1, layer.describe(), layer.delta().norm2Number().doubleValue(),
                    gradients.get(l).norm2Number().doubleValue(), weights.get(l).norm2Number().doubleValue(), Double.NaN));
        }
        return layers;
    }
}
