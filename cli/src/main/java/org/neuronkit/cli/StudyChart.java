package org.neuronkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neuronkit.cli.chart.Charts;
import org.neuronkit.diagnostics.Series;
import org.neuronkit.tune.Study;
import org.neuronkit.tune.Trial;

/**
 * {@value #FILE} in a study folder: each trial's objective (e.g. validation accuracy) after each rung it
 * reached, against the epochs; a line per trial, so the promoted ones are the lines that go on.
 */
final class StudyChart {
    static final String FILE = "halving.png";

    private StudyChart() {
    }

    static void write(Study study, Path png) {
        List<Series> series = new ArrayList<>();
        for (Trial trial : study.trials()) {
            List<Map.Entry<Integer, Double>> points = trial.scores().entrySet().stream().filter(e -> Double.isFinite(e.getValue())).toList();
            if (!points.isEmpty()) {
                series.add(new Series(trial.folder(), points.stream().mapToDouble(Map.Entry::getKey).toArray(),
                        points.stream().mapToDouble(Map.Entry::getValue).toArray()));
            }
        }
        String metric = study.objective().metric().replace('_', ' ');
        Charts.line(png, "Successive halving: " + metric + " per rung (" + study.trials().size() + " trials, rungs "
                + study.halving().rungs() + " epochs)", "epochs", metric, false, series);
    }
}
