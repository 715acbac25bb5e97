package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.io.DataSplit;

/** What a new user tries after the README's tour: run folders everywhere, plain CSV paths, exported rows, other data. */
class NewUserPathsTest {
    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void trainADigitsModel() {
        run = dir.resolve("run");
        Result train = run("train", "--epochs", "2", "--hidden", "16", "--out", run.toString());
        assertEquals(0, train.code(), train.err());
    }

    /** The tour's predict --data rows.csv: data export writes the rows (raw pixel counts), predict reads them; with --labels eval does. */
    @Test
    void dataExportWritesRowsThatPredictAndEvalRead() throws Exception {
        Path rows = dir.resolve("rows.csv");
        Result export = run("data", "export", "--data", "digits", "--split", "test", "--rows", "20", "--out", rows.toString());
        assertEquals(0, export.code(), export.err());
        List<String> lines = Files.readAllLines(rows);
        assertEquals(20, lines.size());
        assertEquals(64, lines.get(0).split(",").length);
        assertTrue(lines.stream().flatMap(l -> List.of(l.split(",")).stream()).allMatch(c -> c.matches("\\d+") && Integer.parseInt(c) <= 16),
                "raw pixel counts 0-16: " + lines.get(0));

        Result predict = run("predict", "--model", run.toString(), "--data", rows.toString());
        assertEquals(0, predict.code(), predict.err());
        assertEquals(21, predict.out().lines().count(), predict.out());

        Path labelled = dir.resolve("labelled.csv");
        assertEquals(0, run("data", "export", "--split", "test", "--rows", "359", "--labels", "--out", labelled.toString()).code());
        Result eval = run("eval", "--model", run.toString(), "--data", labelled.toString());
        assertEquals(0, eval.code(), eval.err());
        double reported = new ObjectMapper().readTree(run.resolve("report.json").toFile()).get("test_accuracy").asDouble();
        assertTrue(eval.out().startsWith(String.format(Locale.ROOT, "accuracy %.4f", reported)),
                "every exported test row with its label gives the run's test accuracy " + reported + ": " + eval.out());
    }

    /** export takes a run folder as predict, eval and inspect do; the ONNX file it writes, given as a model, says to import it. */
    @Test
    void exportTakesARunFolderAndAnOnnxModelIsNamedAsOne() {
        Path onnx = dir.resolve("model.onnx");
        Result export = run("export", "--model", run.toString(), "--format", "onnx", "--out", onnx.toString());
        assertEquals(0, export.code(), export.err());
        Result inspect = run("inspect", "--model", onnx.toString());
        assertEquals(ExitCode.MODEL_FILE.code, inspect.code());
        assertEquals("neuronkit: file " + onnx + ": is an ONNX model, not a NeuronKit model file: convert it with 'neuronkit import --onnx "
                + onnx + " --out model.safetensors' (in Java, OnnxImport.read)", inspect.err().strip());
    }

    /** A CSV file's plain path is a data set for train, as csv:PATH is; the settings record it as csv: and absolute. */
    @Test
    void trainAcceptsAPlainCsvPath() throws Exception {
        Random random = new Random(2);
        StringBuilder csv = new StringBuilder("x,y,kind\n");
        for (int i = 0; i < 120; i++) {
            int c = i % 2;
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", 3 * c + random.nextGaussian(), random.nextGaussian(), c == 0 ? "a" : "b"));
        }
        Path file = Files.writeString(dir.resolve("two.csv"), csv);
        Path out = dir.resolve("plain");
        Result train = run("train", "--data", file.toString(), "--epochs", "2", "--hidden", "4", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        assertEquals("csv:" + file.toAbsolutePath(),
                new ObjectMapper().readTree(out.resolve("settings.json").toFile()).get("data").get("dataset").asText());
    }

    /** eval of the digits model on a 13-feature, 3-class file names what differs, not "13 features and 10 classes". */
    @Test
    void evalOnOtherDataNamesWhatDiffers() throws Exception {
        StringBuilder wine = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            wine.append("1,2,3,4,5,6,7,8,9,10,11,12,13,").append(i % 3).append('\n');
        }
        Path file = Files.writeString(dir.resolve("wine.csv"), wine);
        Result eval = run("eval", "--model", run.toString(), "--data", "csv:" + file);
        assertEquals(ExitCode.DATA.code, eval.code());
        assertEquals("neuronkit: the data csv:" + file + " has 13 features, the model " + run.resolve("model.safetensors")
                + " expects 64", eval.err().lines().reduce((a, b) -> b).orElse("").strip());
    }

    /** eval --model RUN finds the run's own data where the run found it: the --data-dir recorded in its settings. */
    @Test
    void evalUsesTheDataFolderRecordedByTheRun() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Random random = new Random(4);
        StringBuilder iris = new StringBuilder("150,4,setosa,versicolor,virginica\n");
        for (int i = 0; i < 150; i++) {
            int c = i % 3;
            iris.append(String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%.2f,%d%n", 5 + c + random.nextGaussian() * 0.3, 3 + random.nextGaussian() * 0.3,
                    1 + 2 * c + random.nextGaussian() * 0.3, 0.2 + c * 0.8 + random.nextGaussian() * 0.1, c));
        }
        Files.writeString(data.resolve("iris.csv"), iris);
        Path out = dir.resolve("iris-run");
        Result train = run("train", "--data", "iris", "--data-dir", data.toString(), "--epochs", "3", "--hidden", "4", "--out", out.toString());
        assertEquals(0, train.code(), train.err());
        Result eval = run("eval", "--model", out.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("setosa"), eval.out());
    }

    /** inspect describes fashion-mnist's own training and test parts, not an 80/20 split, also for files that recorded 0.8. */
    @Test
    void inspectDescribesASetsOwnTestPart() {
        String expected = "fashion-mnist: its own training part (10 % of it held out for validation) and its own test part";
        assertEquals(expected, InspectCommand.describe(new DataSplit("fashion-mnist", 42, 1, 0.1)));
        assertEquals(expected, InspectCommand.describe(new DataSplit("fashion-mnist", 42, 0.8, 0.1)));
        assertEquals("digits, split seed 42: 80 % training (10 % of it for validation), the rest test",
                InspectCommand.describe(new DataSplit("digits", 42, 0.8, 0.1)));
    }
}
