package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.io.ModelFile;

/** CSV files as users have them, through {@code train}, {@code eval} and {@code predict}: text labels, headers, delimiters. */
class CsvDatasetRunTest {
    private static final String[] SPECIES = {"setosa", "versicolor", "virginica"};

    @TempDir
    Path dir;

    /** Three well-separated clusters named by text labels, tab-separated with a header; {@code features} rows without labels. */
    private Path flowers(String name, int rows, long seed, StringBuilder features) throws Exception {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("sepal length\tpetal length\tspecies\n");
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            double x = 3 * c + random.nextGaussian() * 0.3;
            double y = -2 * c + random.nextGaussian() * 0.3;
            csv.append(String.format(Locale.ROOT, "%.4f\t%.4f\t%s%n", x, y, SPECIES[c]));
            if (features != null) {
                features.append(String.format(Locale.ROOT, "%.4f,%.4f%n", x, y));
            }
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void textLabelsAreTrainedOnAndShownByEvalAndPredict() throws Exception {
        Path file = flowers("flowers.tsv", 150, 1, null);
        Path runDir = dir.resolve("run");
        Result train = run("train", "--dataset", "csv:" + file, "--hidden", "8", "--epochs", "15", "--lr", "0.02", "--out", runDir.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("2 features, 3 classes"), train.out());
        JsonNode report = new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
        assertEquals("virginica", report.get("per_class").get(2).get("name").asText());
        assertEquals(1.0, report.get("test_accuracy").asDouble(), "separable clusters");
        assertEquals(List.of(SPECIES), ModelFile.load(runDir.resolve("model.safetensors")).outputNames());

        Path other = flowers("other.tsv", 30, 2, null);
        Result eval = run("eval", "--model", runDir.resolve("model.safetensors").toString(), "--data", "csv:" + other);
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("versicolor"), eval.out());

        StringBuilder features = new StringBuilder();
        flowers("inputs.tsv", 6, 3, features);
        Path input = Files.writeString(dir.resolve("inputs.csv"), features);
        Result predict = run("predict", "--model", runDir.resolve("model.safetensors").toString(), "--input", input.toString());
        assertEquals(0, predict.code(), predict.err());
        List<String> lines = predict.out().lines().toList();
        assertEquals("class,name,probability", lines.get(0));
        for (int i = 0; i < 6; i++) {
            assertTrue(lines.get(i + 1).startsWith((i % 3) + "," + SPECIES[i % 3] + ",0."), lines.toString());
        }

        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "1,2,setosa\n3,4,rose\n");
        Result bad = run("eval", "--model", runDir.resolve("model.safetensors").toString(), "--data", "csv:" + unknown);
        assertEquals("neuronkit: file " + unknown + ", line 2, column 3: label 'rose' is not one of the 3 classes setosa, versicolor,"
                + " virginica", bad.err().strip());
    }

    @Test
    void streamedTrainingMapsTheTestFilesLabelsByTheTrainingFilesNames() throws Exception {
        Path train = flowers("train.tsv", 300, 4, null);
        Path test = flowers("test.tsv", 60, 5, null);
        Path runDir = dir.resolve("streamed");
        Result result = run("train", "--dataset", "csv:" + train, "--stream", "50", "--test-data", "csv:" + test, "--hidden", "8",
                "--epochs", "5", "--lr", "0.02", "--out", runDir.toString());
        assertEquals(0, result.code(), result.err());
        assertEquals(List.of(SPECIES), ModelFile.load(runDir.resolve("model.safetensors")).outputNames());
        JsonNode report = new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
        assertTrue(report.get("test_accuracy").asDouble() > 0.95, report.toString());
    }

    @Test
    void aHeaderThatCannotBeDetectedIsNamedWithTheOption() throws Exception {
        Path file = Files.writeString(dir.resolve("names.csv"), "name,size,label\nfoo,1,small\nbar,big,large\n");
        Result result = run("train", "--dataset", "csv:" + file, "--out", dir.resolve("run").toString());
        assertEquals("neuronkit: file " + file + ", line 1, column 1: 'name' is not a finite number (if line 1 is a header, give"
                + " --csv-header)", result.err().strip());
    }
}
