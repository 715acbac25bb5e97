package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neuronkit.cli.chart.Charts;
import org.neuronkit.diagnostics.ChapterFigures;
import org.neuronkit.diagnostics.GradientDiagnostics;
import org.neuronkit.diagnostics.GradientRecord;
import org.neuronkit.diagnostics.LayerGradient;
import org.neuronkit.network.Network;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;

/**
 * {@code train --diagnose}: records per-layer gradient norms with {@link GradientDiagnostics}, prints
 * them as a table after each epoch and writes {@code gradients.csv} and {@code gradients.png}. The CSV
 * is rewritten (atomically) after every epoch, so that the dashboard ({@code train --ui}) draws it live;
 * {@code train --ui} without {@code --diagnose} records quietly (no table).
 */
final class GradientTable implements TrainingListener {
    static final String CSV = "gradients.csv";
    static final String PNG = "gradients.png";
    private final GradientDiagnostics diagnostics;
    /** Where the table is printed; null to record quietly. */
    private final PrintWriter out;
    private final Path folder;

    GradientTable(Network network, int everySteps, PrintWriter out, Path folder) {
        this.diagnostics = new GradientDiagnostics(network, everySteps);
        this.out = out;
        this.folder = folder;
    }

    @Override
    public boolean needsSteps() {
        return diagnostics.needsSteps();
    }

    @Override
    public void onStart(TrainingPlan plan) {
        diagnostics.onStart(plan);
    }

    @Override
    public void beforeUpdate(int epoch, int step) {
        diagnostics.beforeUpdate(epoch, step);
    }

    @Override
    public void onStep(int epoch, int step, double batchRisk, int batchSize) {
        diagnostics.onStep(epoch, step, batchRisk, batchSize);
    }

    @Override
    public void onEpoch(EpochResult result) {
        writeCsv();
        if (out == null) {
            return;
        }
        for (GradientRecord record : diagnostics.recordsOf(result.epoch())) {
            out.printf("  gradients at epoch %d, step %d (step %d overall)%n", record.epoch(), record.step(), record.globalStep());
            out.printf("  %5s  %-32s %11s %11s %11s %11s%n", "layer", "", "‖δ‖", "‖∂R/∂W‖", "‖W‖", "‖ΔW‖/‖W‖");
            for (LayerGradient g : record.layers()) {
                out.printf("  %5d  %-32s %11.3e %11.3e %11.3e %11.3e%n", g.layer(), g.description(), g.deltaNorm(),
                        g.weightGradientNorm(), g.weightNorm(), g.updateRatio());
            }
        }
        out.flush();
    }

    /** Writes the records as CSV and the per-layer ‖∂R/∂W‖ over training as a line chart whose title names {@code subject}. */
    void write(String subject) {
        writeCsv();
        Charts.line(ChapterFigures.gradientHistory(diagnostics.records()), subject, folder.resolve(PNG));
    }

    private void writeCsv() {
        List<GradientRecord> records = diagnostics.records();
        List<List<Object>> rows = new ArrayList<>();
        for (GradientRecord r : records) {
            for (LayerGradient g : r.layers()) {
                rows.add(List.of(r.epoch(), r.step(), r.globalStep(), g.layer(), g.description(), g.deltaNorm(),
                        g.weightGradientNorm(), g.weightNorm(), g.updateRatio()));
            }
        }
        Csv.write(folder.resolve(CSV), List.of("epoch", "step", "global_step", "layer", "description", "delta_norm",
                "weight_gradient_norm", "weight_norm", "update_ratio"), rows);
    }
}
