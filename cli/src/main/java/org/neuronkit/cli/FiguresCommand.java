package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuronkit.cli.chart.Charts;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.diagnostics.ApproximationStudy;
import org.neuronkit.diagnostics.ChapterFigures;
import org.neuronkit.diagnostics.LineFigure;
import org.neuronkit.diagnostics.SurfaceFigure;
import org.neuronkit.diagnostics.TargetFunction;
import org.neuronkit.diagnostics.VanishingGradientStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neuronkit figures}: every figure of the chapter, computed by the toolkit, as PNG files. */
@Command(name = "figures", mixinStandardHelpOptions = true,
        description = "Write one PNG per figure of the chapter: activation shapes and derivatives, the 1-1-1 loss surfaces, "
                + "the vanishing-gradient comparison and the universal-approximation fits.")
final class FiguresCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "figures", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        Path folder = RunFolder.create(out).path();
        for (LineFigure figure : ChapterFigures.activations()) {
            draw(printer, figure, folder);
        }
        for (SurfaceFigure figure : ChapterFigures.lossSurfaces(SurfaceStudyCommand.RANGE, SurfaceStudyCommand.POINTS)) {
            Charts.heatMap(figure, folder.resolve(figure.id() + ".png"));
            printer.println(folder.resolve(figure.id() + ".png"));
        }
        draw(printer, ChapterFigures.vanishing(VanishingGradientStudy.run(VanishingGradientStudy.Config.defaults(),
                BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()))), folder);
        ApproximationStudy.Result approximation = ApproximationStudy.run(ApproximationStudy.Config.defaults(TargetFunction.SIN));
        draw(printer, ChapterFigures.approximationFits(approximation), folder);
        draw(printer, ChapterFigures.approximationError(approximation), folder);
        printer.flush();
        return 0;
    }

    private static void draw(PrintWriter printer, LineFigure figure, Path folder) {
        Path png = folder.resolve(figure.id() + ".png");
        Charts.line(figure, png);
        printer.println(png);
        printer.flush();
    }
}
