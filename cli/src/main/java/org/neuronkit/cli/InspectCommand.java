package org.neuronkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.InputEncoding;
import org.neuronkit.io.DataSplit;
import org.neuronkit.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code neuronkit inspect}: what a saved model is: its layers with their parameter counts and the
 * total, its loss and λ, its normaliser, the raw input columns it encodes (if it records an encoding), the
 * data split and class names it records, and, when it lies
 * in a run folder, the run's training settings ({@code settings.json}) and metrics ({@code report.json}).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Describe a saved model: layers and parameter counts, normaliser, training settings and metrics of its run.")
final class InspectCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption modelOption;

    @Override
    public Integer call() {
        Path file = modelOption.file();
        ModelFile.Model model = modelOption.load();
        PrintWriter out = spec.commandLine().getOut();
        out.println("model " + file);
        out.println(model.network());
        out.println("normaliser " + (model.normalizer() == null ? "none" : model.normalizer().spec()));
        if (model.input() != null) {
            printInputs(out, model.input());
        }
        DataSplit split = model.split();
        if (split != null) {
            out.println("data " + describe(split));
        }
        List<String> names = ClassNames.of(file, model, Task.outputNames(model.network()));
        out.println("classes " + String.join(", ", names));
        Path run = file.toAbsolutePath().getParent();
        JsonNode settings = readJson(run.resolve(TrainSettings.FILE));
        if (settings != null) {
            out.println("training settings (" + run.resolve(TrainSettings.FILE) + "):");
            printFields(out, "", settings);
        }
        JsonNode report = readJson(run.resolve(RunFolder.REPORT));
        if (report != null && report.has("test_r2")) {
            out.printf(Locale.ROOT, "metrics (%s):%n  test RMSE %.4f, MAE %.4f, R² %.4f%n", run.resolve(RunFolder.REPORT),
                    report.path("test_rmse").asDouble(), report.path("test_mae").asDouble(), report.path("test_r2").asDouble());
        } else if (report != null) {
            out.printf(Locale.ROOT, "metrics (%s):%n  test accuracy %.4f, test loss %.4f, macro F1 %.4f%n  %s (best %d%s),"
                    + " final training loss %.4f, %.1f s training, %,.0f samples/s%n", run.resolve(RunFolder.REPORT),
                    report.path("test_accuracy").asDouble(), report.path("test_loss").asDouble(), report.path("macro_f1").asDouble(),
                    Plural.of(report.path("epochs").asInt(), "epoch"), report.path("best_epoch").asInt(),
                    report.path("stopped_early").asBoolean() ? ", stopped early" : "", report.path("final_loss").asDouble(),
                    report.path("train_seconds").asDouble(), report.path("samples_per_second").asDouble());
        }
        if (settings == null && report == null) {
            out.println("no settings.json or report.json beside the model: it is not in a run folder");
        }
        out.flush();
        return 0;
    }

    /**
     * Which parts of its data set the model was trained, validated and tested on: a set with its own
     * test part (fashion-mnist, mnist, a streamed file's --test-data; recorded training share 1, or in
     * older files the name alone) is not split by the seed.
     */
    static String describe(DataSplit split) {
        if (split.trainFraction() == 1 || NamedDataset.hasOwnTestPart(split.dataset())) {
            return String.format(Locale.ROOT, "%s: its own training part (%.0f %% of it held out for validation) and its own test part",
                    split.dataset(), 100 * split.validationFraction());
        }
        return String.format(Locale.ROOT, "%s, split seed %d: %.0f %% training (%.0f %% of it for validation), the rest test",
                split.dataset(), split.seed(), 100 * split.trainFraction(), 100 * split.validationFraction());
    }

    /**
     * The raw input columns a model with an input encoding reads, in order, and the features each
     * becomes (its one-hot categories in feature order), then what a missing cell becomes.
     */
    private static void printInputs(PrintWriter out, InputEncoding input) {
        out.printf("inputs %s → %s:%n", Plural.of(input.rawColumns(), "column"), Plural.of(input.width(), "feature"));
        int nameWidth = input.columns().stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (InputEncoding.Column column : input.columns()) {
            out.printf("  %-" + nameWidth + "s  %s%n", column.name(), column.categorical()
                    ? "one-hot: " + String.join(", ", column.categories())
                    : "number");
        }
        out.println(input.missingMeans() == null ? "  a missing cell is refused"
                : "  a missing cell becomes its feature's mean over the training rows");
    }

    /** One {@code  group.name  value} line per leaf of {@code node}. */
    private static void printFields(PrintWriter out, String prefix, JsonNode node) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isObject()) {
                printFields(out, prefix + field.getKey() + ".", field.getValue());
            } else {
                out.printf("  %-28s %s%n", prefix + field.getKey(), field.getValue().isTextual() ? field.getValue().asText() : field.getValue());
            }
        }
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigurationException("file " + file + " is not valid JSON: " + e.getMessage());
        }
    }
}
