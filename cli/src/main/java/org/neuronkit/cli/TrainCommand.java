package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.backend.Backend;
import org.neuronkit.backend.Backends;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neuronkit train}: trains an MLP classifier and writes a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a feedforward classifier (default: the bundled 8×8 digits, 80/20 split) and write a run folder.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--hidden", split = ",", defaultValue = "128", paramLabel = "N[,N…]",
            description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}); 0 for none.")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation (default: ${DEFAULT-VALUE}): logistic, tanh, hardlogistic, hardtanh, relu, leakyrelu(γ), elu(γ), softplus, swish(β), swish(learn,β), gelu, gelu-tanh, gelu-sigmoid.")
    String activation;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "0.002", description = "Learning rate α (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = {"--l2", "--lambda"}, defaultValue = "1e-4", description = "L2 coefficient λ on the weights (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--batch-size", defaultValue = "32", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split, initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<timestamp>).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        Backend backend = Backends.current();
        DataSet.Split split = BundledDatasets.digits().split(0.8, seed);
        Network network = buildNetwork(split.train());
        Trainer trainer = new Trainer(Optimizers.byName(optimizer, learningRate), batchSize, epochs, seed)
                .synchronizeWith(backend)
                .addListener(new EpochPrinter(printer));
        RunFolder run = RunFolder.create(out);
        printer.println("dataset digits (bundled): " + split.train().size() + " training, " + split.test().size() + " test samples");
        printer.println("backend " + backend.name() + " on " + backend.device());
        printer.println(network);
        printer.println("optimizer " + trainer.optimizer().describe() + ", batch size " + batchSize + ", " + epochs + " epochs");
        TrainingReport report = trainer.fit(network, split.train(), split.test());
        EpochResult last = report.last();
        run.writeReport(new RunReport("digits", backend, network, trainer.optimizer().describe(), batchSize, seed, report));
        printer.printf("done: test accuracy %.4f, final loss %.4f, %.1f s training, %,.0f samples/s%n",
                last.validationAccuracy(), last.trainLoss(), report.trainSeconds(), report.samplesPerSecond());
        printer.println("run folder: " + run.path());
        return 0;
    }

    private Network buildNetwork(DataSet train) {
        NetworkBuilder builder = Network.builder(train.featureCount()).l2(l2).seed(seed);
        for (int units : hidden) {
            if (units > 0) {
                Activation f = Activations.parse(activation);
                builder.dense(units, f);
            }
        }
        return builder.output(train.numClasses(), Losses.softmaxCrossEntropy()).build();
    }

    /** One line per epoch. */
    private static final class EpochPrinter implements TrainingListener {
        private final PrintWriter out;

        EpochPrinter(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onEpoch(EpochResult r) {
            out.printf("epoch %3d  loss %.4f  train acc %.4f  test acc %.4f  %,9.0f samples/s%n",
                    r.epoch(), r.trainLoss(), r.trainAccuracy(), r.validationAccuracy(), r.samplesPerSecond());
            out.flush();
        }
    }
}
