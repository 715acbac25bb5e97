package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.cli.chart.Charts;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.diagnostics.ChapterFigures;
import org.neuronkit.diagnostics.DeltaBound;
import org.neuronkit.diagnostics.LayerGradient;
import org.neuronkit.diagnostics.LineFigure;
import org.neuronkit.diagnostics.VanishingGradientStudy;
import org.neuronkit.diagnostics.VanishingGradientStudy.Run;
import org.neuronkit.optim.Optimizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neuronkit study vanishing}: docs/chapter.md §6's vanishing gradients in deep logistic, tanh and ReLU networks. */
@Command(name = "vanishing", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train the same deep narrow network with each activation on the bundled digits and compare per-layer gradient norms.")
final class VanishingStudyCommand implements Callable<Integer> {
    static final String CSV = "vanishing-gradients.csv";
    private static final VanishingGradientStudy.Config DEFAULTS = VanishingGradientStudy.Config.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--layers", paramLabel = "N", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int layers = DEFAULTS.hiddenLayers();

    @Option(names = "--width", paramLabel = "N", description = "Neurons per hidden layer (default: ${DEFAULT-VALUE}).")
    int width = DEFAULTS.width();

    @Option(names = "--hidden", split = ",", paramLabel = "N[,N…]", hideParamSyntax = true,
            description = "Hidden layer sizes as in train, all equal: --hidden 16,16,16 is --layers 3 --width 16.")
    List<Integer> hidden;

    @Option(names = "--activations", split = ",", paramLabel = "NAME[,NAME…]", completionCandidates = Activations.Names.class,
            description = "Activations to compare (default: logistic,tanh,relu): ${COMPLETION-CANDIDATES}.")
    List<String> activations = new ArrayList<>(DEFAULTS.activations());

    @Option(names = "--optimizer", paramLabel = "OPTIMIZER", completionCandidates = Optimizers.Names.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String optimizer = DEFAULTS.optimizer();

    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "RATE", description = "Learning rate α (default: ${DEFAULT-VALUE}).")
    double learningRate = DEFAULTS.learningRate();

    @Option(names = "--batch-size", paramLabel = "N", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize = DEFAULTS.batchSize();

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs between the two measurements (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs();

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Mixin
    RunFolderOption output;

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        if (hidden != null) {
            useHidden();
        }
        VanishingGradientStudy.Config config = new VanishingGradientStudy.Config(layers, width, activations, optimizer, learningRate,
                batchSize, epochs, DEFAULTS.probeSize(), seed);
        DataSet digits = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling());
        RunFolder folder = output.create();
        printer.printf("vanishing gradients: %d hidden layers of %d, bundled digits (%d samples), %s α = %s, batch %d, %d epochs, seed %d%n",
                layers, width, digits.size(), optimizer, learningRate, batchSize, epochs, seed);
        List<Run> runs = VanishingGradientStudy.run(config, digits);
        printTable(printer, runs);
        write(folder.path(), runs);
        printer.println("wrote " + folder.path().resolve(CSV) + " and " + folder.path().resolve(ChapterFigures.vanishing(runs).id() + ".png"));
        return 0;
    }

    /** {@code --hidden}'s sizes as {@code --layers} and {@code --width}: the study's layers are all of one width. */
    private void useHidden() {
        if (hidden.isEmpty() || hidden.stream().distinct().count() != 1) {
            throw new ConfigurationException("study vanishing --hidden " + hidden.stream().map(String::valueOf).collect(Collectors.joining(","))
                    + ": the study compares layers of one width, so give equal sizes (e.g. 16,16,16)");
        }
        layers = hidden.size();
        width = hidden.get(0);
    }

    static void printTable(PrintWriter printer, List<Run> runs) {
        printer.println("‖∂R/∂W⁽ˡ⁾‖_F per layer, on the first " + DEFAULTS.probeSize() + " samples, at the start and after training:");
        StringBuilder header = new StringBuilder(String.format("%5s", "layer"));
        for (Run run : runs) {
            header.append(String.format("  %15s %13s", run.activation() + " start", "trained"));
        }
        printer.println(header);
        for (int l = 0; l < runs.get(0).start().size(); l++) {
            StringBuilder row = new StringBuilder(String.format("%5d", l + 1));
            for (Run run : runs) {
                row.append(String.format("  %15.3e %13.3e", run.start().get(l).weightGradientNorm(), run.trained().get(l).weightGradientNorm()));
            }
            printer.println(row);
        }
        for (Run run : runs) {
            printer.printf("%-10s first/last layer gradient ratio %.3e at the start, %.3e trained; training loss %.4f%n",
                    run.activation(), run.startRatio(), run.trainedRatio(), run.trainLoss());
        }
        for (Run run : runs) {
            DeltaBound bound = run.startBound();
            if (bound != null && bound.maxSlope() < 1) {
                printer.printf("%s: ‖δ⁽¹⁾‖ = %.3e ≤ Π %.2f·‖W⁽ˡ⁺¹⁾‖₂ · ‖δ⁽ᴸ⁾‖ = %.3e (docs/chapter.md §6's %.2f-per-layer argument)%n",
                        run.activation(), bound.measured()[0], bound.maxSlope(), bound.bound()[0], bound.maxSlope());
            }
        }
        printer.flush();
    }

    static LineFigure write(Path folder, List<Run> runs) {
        List<List<Object>> rows = new ArrayList<>();
        for (Run run : runs) {
            addRows(rows, run.activation(), "start", run.start());
            addRows(rows, run.activation(), "trained", run.trained());
        }
        Csv.write(folder.resolve(CSV), List.of("activation", "phase", "layer", "delta_norm", "weight_gradient_norm", "weight_norm"), rows);
        LineFigure figure = ChapterFigures.vanishing(runs);
        Charts.line(figure, folder.resolve(figure.id() + ".png"));
        return figure;
    }

    private static void addRows(List<List<Object>> rows, String activation, String phase, List<LayerGradient> layers) {
        for (LayerGradient g : layers) {
            rows.add(List.of(activation, phase, g.layer(), g.deltaNorm(), g.weightGradientNorm(), g.weightNorm()));
        }
    }
}
