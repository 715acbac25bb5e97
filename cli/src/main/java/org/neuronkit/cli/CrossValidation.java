package org.neuronkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neuronkit.ConfigurationException;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Metric;

/**
 * {@code train --folds K}: K ordinary runs, {@code OUT/fold-1} … {@code OUT/fold-K}, run k validating on
 * fold k of the training data ({@link org.neuronkit.data.Folds}) and training on the others, then the
 * summary {@value #SUMMARY} in OUT (written atomically) and on the console: for each validation
 * {@link Metric} the task measures, its value in each fold's model epoch (the best epoch with
 * early stopping and restore-best, else the last), their mean and their sample standard deviation
 * s = √(Σ (xᵢ − x̄)² / (K − 1)). The summary is read back from the runs' own files ({@code metrics.csv},
 * {@code report.json}), so it says what the run folders say.
 */
final class CrossValidation {
    static final String SUMMARY = "cv-summary.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Trains one fold's run in its locked folder; returns the run's exit code. */
    interface FoldTrainer {
        int train(RunFolder run, TrainSettings fold);
    }

    /** One metric over the folds: each fold's value, their mean and sample standard deviation. */
    record Summary(String metric, List<Double> folds, double mean, double std) {
        static Summary of(String metric, List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Summary(metric, List.copyOf(values), mean, values.size() < 2 ? Double.NaN : Math.sqrt(squares / (values.size() - 1)));
        }
    }

    private CrossValidation() {
    }

    /**
     * Runs every fold of {@code settings} (whose {@code data().folds()} is K) in {@code out}: every fold's
     * folder is checked and locked before any training, so a folder holding another run fails the whole
     * command before any work.
     */
    static int run(TrainSettings settings, Path out, boolean overwrite, FoldTrainer trainer, PrintWriter printer) {
        int k = settings.data().folds();
        try (RunFolder root = RunFolder.create(out)) {
            List<RunFolder> runs = new ArrayList<>();
            try {
                for (int fold = 1; fold <= k; fold++) {
                    runs.add(RunFolder.forNewRun(root.path().resolve("fold-" + fold), overwrite));
                }
                for (int fold = 1; fold <= k; fold++) {
                    printer.printf("cross-validation: fold %d of %d in %s%n", fold, k, runs.get(fold - 1).path());
                    printer.flush();
                    int code = trainer.train(runs.get(fold - 1), settings.withData(settings.data().withFold(fold)));
                    if (code != 0) {
                        return code;
                    }
                }
            } finally {
                runs.forEach(RunFolder::close);
            }
            List<Summary> summaries = summarize(modelEpochs(root.path(), k), settings.data().taskKind() == Task.CLASSIFICATION);
            root.writeJson(SUMMARY, json(k, summaries));
            printer.println("cross-validation over " + k + " folds (mean ± sample std of each fold's model epoch):");
            for (Summary s : summaries) {
                printer.printf(Locale.ROOT, "  %-20s %.4f ± %.4f%n", s.metric(), s.mean(), s.std());
            }
            printer.println("summary: " + root.path().resolve(SUMMARY));
            return 0;
        }
    }

    /** Each fold's row of metrics.csv for the epoch its model holds (report.json's {@code best_epoch}). */
    static List<EpochResult> modelEpochs(Path out, int k) {
        List<EpochResult> rows = new ArrayList<>();
        for (int fold = 1; fold <= k; fold++) {
            Path dir = out.resolve("fold-" + fold);
            int epoch;
            try {
                epoch = JSON.readTree(dir.resolve(RunFolder.REPORT).toFile()).path("best_epoch").asInt();
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + dir.resolve(RunFolder.REPORT), e);
            }
            rows.add(MetricsCsv.read(dir.resolve(MetricsCsv.FILE), Integer.MAX_VALUE).stream().filter(r -> r.epoch() == epoch).findFirst()
                    .orElseThrow(() -> new ConfigurationException(dir.resolve(MetricsCsv.FILE) + " has no row of epoch " + epoch)));
        }
        return rows;
    }

    /** Every validation metric a classification (or regression) measures, summarised over {@code rows}, one per fold. */
    static List<Summary> summarize(List<EpochResult> rows, boolean classification) {
        List<Summary> summaries = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            if (metric.needsValidation() && metric.appliesTo(classification)) {
                summaries.add(Summary.of(metric.metricName(), rows.stream().map(metric::of).toList()));
            }
        }
        return summaries;
    }

    private static Map<String, Object> json(int k, List<Summary> summaries) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("folds", k);
        json.put("runs", java.util.stream.IntStream.rangeClosed(1, k).mapToObj(f -> "fold-" + f).toList());
        json.put("epoch", "each fold's model epoch (report.json best_epoch)");
        json.put("std", "sample standard deviation (K − 1)");
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Summary s : summaries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", s.mean());
            m.put("std", s.std());
            m.put("folds", s.folds());
            metrics.put(s.metric(), m);
        }
        json.put("metrics", metrics);
        return json;
    }
}
