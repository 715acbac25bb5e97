package org.neuronkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.neuronkit.data.FashionMnist;
import org.neuronkit.io.DataSplit;
import org.neuronkit.io.ModelFile;

/**
 * The class names of a saved model: those the model file records ({@link ModelFile.Model#outputNames()}),
 * else those in the {@code report.json} beside the model file (its run folder's), else those of the
 * named data set the model records it was trained on, else the class indices {@code "0"}, {@code "1"}, ….
 */
final class ClassNames {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> IRIS = List.of("setosa", "versicolor", "virginica");

    private ClassNames() {
    }

    static List<String> of(Path modelFile, ModelFile.Model model, int classes) {
        if (model.outputNames().size() == classes) {
            return model.outputNames();
        }
        DataSplit split = model.split();
        List<String> fromReport = fromReport(modelFile.toAbsolutePath().resolveSibling(RunFolder.REPORT), classes);
        if (fromReport != null) {
            return fromReport;
        }
        List<String> known = split == null ? null : known(split.dataset());
        return known != null && known.size() == classes ? known : indices(classes);
    }

    /** The names of a named data set's classes, or null (a {@code csv:} file's classes have no names). */
    static List<String> known(String dataset) {
        switch (dataset.trim().toLowerCase(Locale.ROOT)) {
            case "digits":
            case "mnist": return NamedDataset.digitNames();
            case "fashion-mnist": return FashionMnist.CLASSES;
            case "iris": return IRIS;
            default: return null;
        }
    }

    static List<String> indices(int classes) {
        return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }

    private static List<String> fromReport(Path report, int classes) {
        if (!Files.isRegularFile(report)) {
            return null;
        }
        try {
            JsonNode perClass = JSON.readTree(report.toFile()).path("per_class");
            List<String> names = new ArrayList<>();
            perClass.forEach(c -> names.add(c.path("name").asText()));
            return names.size() == classes ? names : null;
        } catch (IOException e) {
            return null;
        }
    }
}
