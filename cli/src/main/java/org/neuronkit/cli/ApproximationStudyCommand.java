package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuronkit.cli.chart.Charts;
import org.neuronkit.diagnostics.ApproximationStudy;
import org.neuronkit.diagnostics.ChapterFigures;
import org.neuronkit.diagnostics.LineFigure;
import org.neuronkit.diagnostics.TargetFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neuronkit study approximation}: universal approximation (docs/chapter.md §3) with growing hidden width. */
@Command(name = "approximation", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a continuous 1-D function with one hidden layer of M logistic units for several M; draw the fits and the error against M.")
final class ApproximationStudyCommand implements Callable<Integer> {
    static final String CSV = "approximation.csv";
    private static final ApproximationStudy.Config DEFAULTS = ApproximationStudy.Config.defaults(TargetFunction.SIN);

    @Spec
    CommandSpec spec;

    @Option(names = "--function", paramLabel = "NAME", defaultValue = "sin", description = "sin (on [−π, π]), abs (|x| on [−1, 1]), gaussian (exp(−x²) on [−3, 3]) or sawtooth (default: ${DEFAULT-VALUE}).")
    String function;

    @Option(names = "--widths", split = ",", paramLabel = "M[,M…]", hideParamSyntax = true, description = "Hidden widths M (default: 1,2,4,8,16).")
    int[] widths = DEFAULTS.widths();

    @Option(names = "--samples", paramLabel = "N", description = "Training points (default: ${DEFAULT-VALUE}).")
    int samples = DEFAULTS.samples();

    @Option(names = "--steps", paramLabel = "N", description = "Full-batch Adam steps per fit (default: ${DEFAULT-VALUE}).")
    int steps = DEFAULTS.steps();

    @Option(names = {"--lr", "--learning-rate"}, paramLabel = "RATE", description = "Adam's α (default: ${DEFAULT-VALUE}).")
    double learningRate = DEFAULTS.learningRate();

    @Option(names = "--seed", paramLabel = "SEED", description = "Initialisation seed (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Mixin
    RunFolderOption output;

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        TargetFunction target = TargetFunction.byKey(function);
        ApproximationStudy.Config config = new ApproximationStudy.Config(target, widths, samples, steps, learningRate, seed);
        RunFolder folder = output.create();
        printer.printf("universal approximation of %s on [%.4g, %.4g]: %d training points, %d Adam steps, α = %s, seed %d%n",
                target.formula(), target.from(), target.to(), samples, steps, learningRate, seed);
        ApproximationStudy.Result result = ApproximationStudy.run(config);
        printer.printf("%6s %12s %12s%n", "M", "RMSE", "max |error|");
        for (ApproximationStudy.Fit fit : result.fits()) {
            printer.printf("%6d %12.3e %12.3e%n", fit.width(), fit.rmse(), fit.maxError());
        }
        for (LineFigure figure : write(folder.path(), result)) {
            printer.println("wrote " + folder.path().resolve(figure.id() + ".png"));
        }
        printer.flush();
        return 0;
    }

    /** Writes the fits and error charts and the fits as CSV (x, truth, one column per M). */
    static List<LineFigure> write(Path folder, ApproximationStudy.Result result) {
        List<String> header = new ArrayList<>(List.of("x", "truth"));
        result.fits().forEach(f -> header.add("M" + f.width()));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < result.x().length; i++) {
            List<Object> row = new ArrayList<>(List.of(result.x()[i], result.truth()[i]));
            for (ApproximationStudy.Fit fit : result.fits()) {
                row.add(fit.prediction()[i]);
            }
            rows.add(row);
        }
        Csv.write(folder.resolve(CSV), header, rows);
        List<LineFigure> figures = List.of(ChapterFigures.approximationFits(result), ChapterFigures.approximationError(result));
        figures.forEach(f -> Charts.line(f, folder.resolve(f.id() + ".png")));
        return figures;
    }
}
