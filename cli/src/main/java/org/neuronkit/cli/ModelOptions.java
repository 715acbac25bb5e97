package org.neuronkit.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code train}'s network options (a picocli mixin): hidden layers, activation, dropout and L2. */
final class ModelOptions {
    @Option(names = "--hidden", split = ",", defaultValue = "128", paramLabel = "N[,N…]", hideParamSyntax = true,
            description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}); 0 for none.")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "NAME",
            description = "Hidden activation (default: ${DEFAULT-VALUE}): logistic, tanh, hardlogistic, hardtanh, relu, leakyrelu(γ), elu(γ), softplus, swish(β), swish(learn,β), gelu, gelu-tanh, gelu-sigmoid.")
    String activation;

    @Option(names = "--dropout", defaultValue = "0", paramLabel = "P",
            description = "Inverted dropout with rate P after each hidden layer, in training only (default: 0, none).")
    double dropout;

    @Option(names = {"--l2", "--lambda"}, defaultValue = "1e-4", paramLabel = "LAMBDA",
            description = "L2 coefficient λ on the weights (default: ${DEFAULT-VALUE}).")
    double l2;

    TrainSettings.Model settings() {
        return new TrainSettings.Model(hidden, activation, dropout, l2);
    }
}
