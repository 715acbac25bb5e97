package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.neuronkit.cli.chart.Charts;
import org.neuronkit.diagnostics.ChapterFigures;
import org.neuronkit.diagnostics.LossSurface;
import org.neuronkit.diagnostics.SurfaceFigure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neuronkit study surface}: docs/chapter.md §6's non-convex loss surfaces of the 1-1-1 network. */
@Command(name = "surface", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Loss of y = σ(w₂σ(w₁x)) at (x, y) = (1, 1) over a (w₁, w₂) grid, squared error and cross-entropy, as heat maps.")
final class SurfaceStudyCommand implements Callable<Integer> {
    static final double RANGE = 10;
    static final int POINTS = 41;

    @Spec
    CommandSpec spec;

    @Option(names = "--range", paramLabel = "R", description = "w₁ and w₂ run over [−R, R] (default: ${DEFAULT-VALUE}).")
    double range = RANGE;

    @Option(names = "--points", paramLabel = "N", description = "Grid points per axis (default: ${DEFAULT-VALUE}).")
    int points = POINTS;

    @Mixin
    RunFolderOption output;

    @Override
    public Integer call() {
        PrintWriter printer = spec.commandLine().getOut();
        RunFolder folder = output.create();
        for (SurfaceFigure figure : ChapterFigures.lossSurfaces(range, points)) {
            write(folder.path(), figure);
            LossSurface.Grid grid = figure.grid();
            int[] min = argExtreme(grid.risk(), -1);
            int[] max = argExtreme(grid.risk(), 1);
            printer.printf("%s: %d × %d points on [−%s, %s]²; lowest %.4g at (w₁, w₂) = (%.2f, %.2f), highest %.4g at (%.2f, %.2f)%n",
                    figure.title(), points, points, range, range, grid.risk()[min[1]][min[0]], grid.x()[min[0]], grid.y()[min[1]],
                    grid.risk()[max[1]][max[0]], grid.x()[max[0]], grid.y()[max[1]]);
            printer.println("  wrote " + folder.path().resolve(figure.id() + ".png") + " and " + figure.id() + ".csv");
        }
        printer.flush();
        return 0;
    }

    /** Writes the heat map and the grid as CSV (w1, w2, loss). */
    static void write(Path folder, SurfaceFigure figure) {
        Charts.heatMap(figure, folder.resolve(figure.id() + ".png"));
        LossSurface.Grid grid = figure.grid();
        List<List<Object>> rows = new ArrayList<>();
        for (int j = 0; j < grid.y().length; j++) {
            for (int i = 0; i < grid.x().length; i++) {
                rows.add(List.of(grid.x()[i], grid.y()[j], grid.risk()[j][i]));
            }
        }
        Csv.write(folder.resolve(figure.id() + ".csv"), List.of("w1", "w2", "loss"), rows);
    }

    /** {i, j} of the smallest (sign −1) or largest (sign 1) value. */
    private static int[] argExtreme(double[][] values, int sign) {
        int[] best = {0, 0};
        for (int j = 0; j < values.length; j++) {
            for (int i = 0; i < values[j].length; i++) {
                if (sign * values[j][i] > sign * values[best[1]][best[0]]) {
                    best = new int[] {i, j};
                }
            }
        }
        return best;
    }
}
