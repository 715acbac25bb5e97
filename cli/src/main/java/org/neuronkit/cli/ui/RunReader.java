package org.neuronkit.cli.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuronkit.cli.MetricsCsv;
import org.neuronkit.train.EpochResult;

/**
 * Reads one run folder into the JSON the dashboard draws: the epochs of {@code metrics.csv} (keys are
 * its header's column names, values exactly the file's numbers, a value the run did not measure as
 * null), the gradient-norm rows, the settings, and from the report the test results and the confusion
 * matrix. A file the run has not written yet reads as nothing (an empty list, or null).
 */
final class RunReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CsvMapper CSV = new CsvMapper();
    /** The report's fields the dashboard shows. */
    private static final List<String> REPORT_FIELDS = List.of("test_accuracy", "test_loss", "test_rmse", "test_mae", "test_r2",
            "macro_f1", "best_epoch", "stopped_early", "confusion_matrix", "warnings");

    private RunReader() {
    }

    /** The names of {@code metrics.csv}'s columns. */
    static List<String> columns() {
        return List.of(MetricsCsv.HEADER.split(","));
    }

    /** The epochs of {@code metrics.csv}, one map per row. */
    static List<Map<String, Double>> epochs(Path run, RunFiles files) {
        List<Map<String, Double>> epochs = new ArrayList<>();
        for (EpochResult r : MetricsCsv.read(run.resolve(files.metrics()))) {
            Map<String, Double> row = new LinkedHashMap<>();
            MetricsCsv.columns(r).forEach((name, value) -> row.put(name, Double.isFinite(value) ? value : null));
            epochs.add(row);
        }
        return epochs;
    }

    /** The rows of the gradient-norm CSV, numbers as numbers, or an empty list. */
    static List<Map<String, Object>> gradients(Path run, RunFiles files) {
        Path file = run.resolve(files.gradients());
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            while (it.hasNext()) {
                Map<String, Object> row = new LinkedHashMap<>();
                it.next().forEach((name, text) -> row.put(name, number(text)));
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return rows;
    }

    /** The settings as written, or null before the run wrote them. */
    static JsonNode settings(Path run, RunFiles files) {
        return readJson(run.resolve(files.settings()));
    }

    /** The report's test results, best epoch and confusion matrix with the class names; null until the run has finished. */
    static Map<String, Object> report(Path run, RunFiles files) {
        JsonNode report = readJson(run.resolve(files.report()));
        if (report == null) {
            return null;
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        for (String field : REPORT_FIELDS) {
            if (report.has(field)) {
                shown.put(field, report.get(field));
            }
        }
        if (report.has("per_class")) {
            List<String> names = new ArrayList<>();
            report.get("per_class").forEach(c -> names.add(c.path("name").asText()));
            shown.put("class_names", names);
        }
        return shown;
    }

    /** Everything about the run: its name, settings, epochs, gradient norms and report. */
    static Map<String, Object> run(RunCatalog catalog, String name) {
        Path folder = catalog.folder(name);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("title", catalog.title(name));
        json.put("columns", columns());
        json.put("settings", settings(folder, catalog.files()));
        json.put("epochs", epochs(folder, catalog.files()));
        json.put("gradients", gradients(folder, catalog.files()));
        json.put("report", report(folder, catalog.files()));
        return json;
    }

    /**
     * The run's line in the run list: its settings, how many epochs it has, the best validation accuracy
     * and its epoch, the lowest validation loss, and the test results once it has finished.
     */
    static Map<String, Object> summary(RunCatalog catalog, String name) {
        Path folder = catalog.folder(name);
        List<Map<String, Double>> epochs = epochs(folder, catalog.files());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("title", catalog.title(name));
        json.put("epochs", epochs.size());
        Map<String, Double> bestAccuracy = best(epochs, "validation_accuracy", true);
        json.put("best_validation_accuracy", bestAccuracy == null ? null : bestAccuracy.get("validation_accuracy"));
        json.put("best_epoch", bestAccuracy == null ? null : bestAccuracy.get("epoch"));
        Map<String, Double> lowestLoss = best(epochs, "validation_loss", false);
        json.put("lowest_validation_loss", lowestLoss == null ? null : lowestLoss.get("validation_loss"));
        json.put("report", report(folder, catalog.files()));
        json.put("settings", settings(folder, catalog.files()));
        return json;
    }

    /** The epoch with the highest ({@code highest}) or lowest value of {@code column}; null if none has one. */
    private static Map<String, Double> best(List<Map<String, Double>> epochs, String column, boolean highest) {
        Map<String, Double> best = null;
        for (Map<String, Double> epoch : epochs) {
            Double value = epoch.get(column);
            if (value != null && (best == null || (highest ? value > best.get(column) : value < best.get(column)))) {
                best = epoch;
            }
        }
        return best;
    }

    /** A cell as a number (null for NaN or ∞, which JSON cannot hold), or its text when it is not one. */
    private static Object number(String text) {
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
