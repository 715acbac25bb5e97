package org.neuronkit.cli;

import java.util.ArrayList;
import java.util.List;
import org.neuronkit.layer.Layers;
import org.neuronkit.loss.Losses;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code train}'s network options (a picocli mixin): hidden layers, activation, dropout, L2 and L1, the loss and its class weights. */
final class ModelOptions {
    /** One value, not a list (picocli refuses it given twice, as every other option), split by {@link HiddenSizes}: {@code 256,128}. */
    @Option(names = "--hidden", defaultValue = "128", paramLabel = "N[,N…]", converter = HiddenSizes.class,
            description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}); 0 alone for none.")
    HiddenSizes.Sizes hidden;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "ACTIVATION", completionCandidates = Layers.HiddenKinds.class,
            description = "Hidden layer kind (default: ${DEFAULT-VALUE}): a dense layer's activation or another layer: ${COMPLETION-CANDIDATES}.")
    String activation;

    @Option(names = "--dropout", defaultValue = "0", paramLabel = "P",
            description = "Inverted dropout with rate P after each hidden layer, in training only (default: 0, none).")
    double dropout;

    @Option(names = {"--l2", "--lambda"}, defaultValue = "1e-4", paramLabel = "LAMBDA",
            description = "L2 coefficient λ on the weights (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--l1", defaultValue = "0", paramLabel = "LAMBDA1",
            description = "L1 coefficient λ₁ on the weights, not the biases: adds λ₁‖W‖₁ to the risk (default: 0, none).")
    double l1;

    @Option(names = "--loss", paramLabel = "LOSS", completionCandidates = Losses.Names.class,
            description = "${COMPLETION-CANDIDATES} (default: softmax-cross-entropy; squared-error with --task regression).")
    String loss;

    @Option(names = "--class-weights", paramLabel = "WEIGHTS",
            description = "balanced or w0,w1,…: multiply each training sample's cross-entropy by its class's weight (the mean "
                    + "still over N); balanced is w_c = N / (C·n_c) from the training split. Saved with the model.")
    String classWeights;

    @Option(names = "--batch-norm", description = "Batch normalization after each hidden layer's activation, before its dropout.")
    boolean batchNorm;

    TrainSettings.Model settings() {
        return new TrainSettings.Model(hidden.units(), activation, dropout, l2, l1, loss, classWeights, batchNorm);
    }

    /** {@code --hidden}'s value: whole numbers separated by commas. */
    static final class HiddenSizes implements CommandLine.ITypeConverter<HiddenSizes.Sizes> {
        /** The hidden layers' sizes, in order. */
        record Sizes(List<Integer> units) {
        }

        @Override
        public Sizes convert(String value) {
            List<Integer> sizes = new ArrayList<>();
            for (String part : value.split(",", -1)) {
                try {
                    sizes.add(Integer.parseInt(part.strip()));
                } catch (NumberFormatException e) {
                    throw new CommandLine.TypeConversionException("'" + value + "': layer sizes are whole numbers separated by commas,"
                            + " e.g. 256,128 ('" + part + "' is not one)");
                }
            }
            return new Sizes(sizes);
        }
    }
}
