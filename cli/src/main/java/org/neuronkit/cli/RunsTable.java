package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.neuronkit.train.EpochResult;

/**
 * The table {@code runs list|compare} prints and exports: a row per run ({@link RunSummary}) with its
 * name and state, the settings whose values differ between the runs (all of them when fewer than two
 * runs have readable settings), then the metrics: epochs, the best (highest accuracy, lowest loss) and
 * final validation accuracy and loss, the report's {@code test_*} values, and the training seconds
 * (the report's, else the sum of metrics.csv's). Missing values print as {@code -} and export empty.
 */
final class RunsTable {
    private final List<String> header = new ArrayList<>();
    private final List<List<Object>> rows = new ArrayList<>();

    /** The table of {@code runs}, each named by {@code name}. */
    RunsTable(List<RunSummary> runs, Function<RunSummary, String> name) {
        List<String> settings = differingSettings(runs);
        Set<String> tests = new TreeSet<>();
        runs.forEach(r -> r.report().keySet().stream().filter(k -> k.startsWith("test_")).forEach(tests::add));
        header.addAll(List.of("run", "state"));
        header.addAll(settings);
        header.addAll(List.of("epochs", "best_validation_accuracy", "final_validation_accuracy", "best_validation_loss",
                "final_validation_loss"));
        header.addAll(tests);
        header.add("train_seconds");
        for (RunSummary run : runs) {
            List<Object> row = new ArrayList<>(List.of(name.apply(run), run.state()));
            settings.forEach(s -> row.add(run.settings().getOrDefault(s, "")));
            List<EpochResult> epochs = run.epochs();
            row.add(epochs.isEmpty() ? "" : epochs.get(epochs.size() - 1).epoch());
            row.add(best(epochs, EpochResult::validationAccuracy, true));
            row.add(last(epochs, EpochResult::validationAccuracy));
            row.add(best(epochs, EpochResult::validationLoss, false));
            row.add(last(epochs, EpochResult::validationLoss));
            tests.forEach(t -> row.add(run.report().containsKey(t) ? run.report().get(t) : ""));
            row.add(run.report().containsKey("train_seconds") ? run.report().get("train_seconds")
                    : epochs.isEmpty() ? "" : epochs.stream().mapToDouble(EpochResult::seconds).sum());
            rows.add(row);
        }
    }

    private static List<String> differingSettings(List<RunSummary> runs) {
        List<RunSummary> readable = runs.stream().filter(r -> !r.settings().isEmpty()).toList();
        Set<String> keys = new TreeSet<>();
        readable.forEach(r -> keys.addAll(r.settings().keySet()));
        if (readable.size() < 2) {
            return List.copyOf(keys);
        }
        return keys.stream().filter(k -> readable.stream().map(r -> r.settings().getOrDefault(k, "")).distinct().count() > 1).toList();
    }

    private static Object best(List<EpochResult> epochs, ToDoubleFunction<EpochResult> metric, boolean highest) {
        double[] values = epochs.stream().mapToDouble(metric).filter(Double::isFinite).toArray();
        if (values.length == 0) {
            return "";
        }
        return java.util.Arrays.stream(values).reduce(highest ? Math::max : Math::min).getAsDouble();
    }

    private static Object last(List<EpochResult> epochs, ToDoubleFunction<EpochResult> metric) {
        double value = epochs.isEmpty() ? Double.NaN : metric.applyAsDouble(epochs.get(epochs.size() - 1));
        return Double.isFinite(value) ? value : "";
    }

    List<String> header() {
        return header;
    }

    List<List<Object>> rows() {
        return rows;
    }

    /** Writes the table as CSV into {@code file}, atomically. */
    void writeCsv(Path file) {
        Csv.write(file, header, rows);
    }

    /** Prints the table as CSV. */
    void printCsv(PrintWriter out) {
        out.println(String.join(",", header));
        rows.forEach(row -> out.println(String.join(",", row.stream().map(Csv::cell).toList())));
    }

    /** Prints the table in aligned columns, numbers to 4 decimals, right-aligned. */
    void print(PrintWriter out) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(header);
        rows.forEach(row -> cells.add(row.stream().map(RunsTable::shown).toList()));
        int[] widths = new int[header.size()];
        cells.forEach(row -> {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        });
        Set<Integer> numeric = new LinkedHashSet<>();
        for (int c = 0; c < header.size(); c++) {
            int column = c;
            if (rows.stream().allMatch(row -> row.get(column) instanceof Number || "".equals(row.get(column)))) {
                numeric.add(c);
            }
        }
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String format = numeric.contains(c) ? "%" + widths[c] + "s" : "%-" + widths[c] + "s";
                line.append(c == 0 ? "" : "  ").append(String.format(format, row.get(c)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String shown(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "-" : text;
    }
}
