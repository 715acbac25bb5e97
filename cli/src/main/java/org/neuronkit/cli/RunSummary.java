package org.neuronkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.neuronkit.NeuronKitException;
import org.neuronkit.train.EpochResult;

/**
 * What {@code runs list|compare} shows of one run folder, read without trusting it: its
 * {@code settings.json} flattened to {@code name → value} (a group's fields by their own names,
 * {@code hidden → 64,128}), its {@code metrics.csv} rows, and the {@code test_*} numbers and training
 * seconds and best epoch of its {@code report.json}. A file that is missing or cannot be read makes the run's state
 * {@code unfinished} or {@code damaged: <file>: <why>}, never an exception.
 *
 * @param state {@code finished}, {@code unfinished} (no report yet: running, stopped or killed) or {@code damaged: …}
 * @param settings flattened settings, empty when settings.json is missing or damaged
 * @param epochs the metrics' rows, empty when metrics.csv is missing or damaged
 * @param report the report's {@code test_*} values, {@code train_seconds} and {@code best_epoch}, empty without a readable report
 */
record RunSummary(Path folder, String state, Map<String, String> settings, List<EpochResult> epochs, Map<String, Double> report) {
    static final String FINISHED = "finished";
    static final String UNFINISHED = "unfinished";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the run folder {@code folder}. */
    static RunSummary read(Path folder) {
        String damage = null;
        Map<String, String> settings = Map.of();
        List<EpochResult> epochs = List.of();
        Map<String, Double> report = Map.of();
        try {
            settings = flatten(json(folder.resolve(TrainSettings.FILE)));
        } catch (IOException | RuntimeException e) {
            damage = TrainSettings.FILE + ": " + reason(e);
        }
        try {
            epochs = MetricsCsv.read(folder.resolve(MetricsCsv.FILE), Integer.MAX_VALUE);
        } catch (NeuronKitException | java.io.UncheckedIOException e) {
            damage = damage != null ? damage : MetricsCsv.FILE + ": " + reason(e);
        }
        Path reportFile = folder.resolve(RunFolder.REPORT);
        if (Files.isRegularFile(reportFile)) {
            try {
                report = numbers(json(reportFile));
            } catch (IOException | RuntimeException e) {
                damage = damage != null ? damage : RunFolder.REPORT + ": " + reason(e);
            }
        }
        String state = damage != null ? "damaged: " + damage : report.isEmpty() ? UNFINISHED : FINISHED;
        return new RunSummary(folder, state, settings, epochs, report);
    }

    /** Whether {@code folder} holds a file that only a run writes. */
    static boolean isRun(Path folder) {
        return Stream.of(TrainSettings.FILE, MetricsCsv.FILE, RunFolder.REPORT, RunFolder.OWNER).anyMatch(f -> Files.exists(folder.resolve(f)));
    }

    private static JsonNode json(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing");
        }
        JsonNode tree = JSON.readTree(file.toFile());
        if (tree == null || !tree.isObject()) {
            throw new IOException("not a JSON object");
        }
        return tree;
    }

    private static String reason(Exception e) {
        String message = e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage();
        return (message == null ? e.getClass().getSimpleName() : message).lines().findFirst().orElse("").strip();
    }

    /** The settings' leaves by their own names (a nested object's as {@code csv.delimiter}); arrays joined by commas. */
    private static Map<String, String> flatten(JsonNode settings) {
        Map<String, String> flat = new TreeMap<>();
        settings.fields().forEachRemaining(group -> {
            if (group.getValue().isObject()) {
                flatten(group.getValue(), "", flat);
            } else {
                flat.put(group.getKey(), text(group.getValue())); // a settings file of the first format: flat
            }
        });
        return flat;
    }

    private static void flatten(JsonNode node, String prefix, Map<String, String> flat) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isObject()) {
                flatten(field.getValue(), prefix + field.getKey() + ".", flat);
            } else {
                flat.put(prefix + field.getKey(), text(field.getValue()));
            }
        }
    }

    private static String text(JsonNode value) {
        return value.isArray() ? StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(","))
                : value.isNull() ? "" : value.asText();
    }

    /** The report's {@code test_*} numbers, {@code train_seconds} and {@code best_epoch}. */
    private static Map<String, Double> numbers(JsonNode report) {
        Map<String, Double> numbers = new TreeMap<>();
        report.fields().forEachRemaining(field -> {
            String key = field.getKey();
            if ((key.startsWith("test_") || key.equals("train_seconds") || key.equals("best_epoch")) && field.getValue().isNumber()) {
                numbers.put(key, field.getValue().asDouble());
            }
        });
        return numbers;
    }
}
