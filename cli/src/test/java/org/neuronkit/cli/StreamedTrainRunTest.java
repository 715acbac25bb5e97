package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.cli.TrainCommandTest.Result;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;

/** {@code neuronkit train --stream}: the training file read through a bounded shuffle buffer. */
class StreamedTrainRunTest {
    @TempDir
    Path dir;

    private static void writeCsv(DataSet data, Path file) throws IOException {
        float[][] x = data.features().toFloatMatrix();
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < x.length; i++) {
                StringBuilder line = new StringBuilder();
                for (float v : x[i]) {
                    line.append(v * 16).append(',');
                }
                w.write(line.append(data.labels()[i]).append('\n').toString());
            }
        }
    }

    @Test
    void aStreamedCsvFileTrainsAndResumesToTheSameWeights() throws Exception {
        DataSet.Split split = BundledDatasets.digits().split(0.8, 42);
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        writeCsv(split.train(), train);
        writeCsv(split.test(), test);
        String[] settings = {"train", "--dataset", "csv:" + train, "--test-data", "csv:" + test, "--stream", "300",
            "--hidden", "32", "--epochs", "4", "--normalize", "minmax-global"};
        Path straight = dir.resolve("straight");
        Result result = run(concat(settings, "--out", straight.toString()));
        assertEquals(0, result.code(), result.err());
        assertTrue(result.out().contains("1,438 streamed (shuffle buffer 300 rows)"), result.out());
        assertTrue(result.out().contains("fitted on the training file's first 300 rows"), result.out());
        double accuracy = new ObjectMapper().readTree(straight.resolve("report.json").toFile()).get("test_accuracy").asDouble();
        assertTrue(accuracy >= 0.85, "test accuracy after 4 epochs " + accuracy);

        Path split2 = dir.resolve("split");
        assertEquals(0, run(concat(settings, "--out", split2.toString(), "--stop-after", "2")).code());
        Result resumed = run("train", "--resume", split2.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(-1, Files.mismatch(straight.resolve(TrainCommand.MODEL), split2.resolve(TrainCommand.MODEL)),
                "the resumed streamed run ends with the uninterrupted run's model file");
    }

    /**
     * A streamed file with a text column: the model records the training file's categories, predict reads raw
     * text rows with them, and a test file with a category the training file lacks fails naming line and column.
     */
    @Test
    void aStreamedTextColumnIsOneHotEncodedAndRecorded() throws IOException {
        StringBuilder text = new StringBuilder("colour,width,kind\n");
        for (int i = 0; i < 90; i++) {
            String colour = java.util.List.of("red", "green", "blue").get(i % 3);
            text.append(colour).append(',').append(i % 5 + 0.5).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        Path train = Files.writeString(dir.resolve("shapes.csv"), text.toString());
        Path out = dir.resolve("streamed");
        Result trained = run("train", "--dataset", "csv:" + train, "--test-data", "csv:" + train, "--label-column", "kind", "--stream", "30",
                "--hidden", "8", "--epochs", "40", "--lr", "0.05", "--out", out.toString());
        assertEquals(0, trained.code(), trained.err());
        assertEquals(java.util.List.of("colour=blue", "colour=green", "colour=red", "width"),
                org.neuronkit.io.ModelFile.load(out).input().featureNames());
        assertTrue(trained.out().contains("test accuracy 1.0000"), "red rows are kind a: " + trained.out());

        Path rows = Files.writeString(dir.resolve("rows.csv"), "colour,width\nred,2.5\ngreen,2.5\n");
        Result predicted = run("predict", "--model", out.toString(), "--data", rows.toString());
        assertEquals(0, predicted.code(), predicted.err());
        java.util.List<String> lines = predicted.out().lines().toList();
        assertTrue(lines.get(1).startsWith("0,a,") && lines.get(2).startsWith("1,b,"), predicted.out());

        Path purple = Files.writeString(dir.resolve("purple.csv"), "colour,width,kind\nred,1.5,a\npurple,2.5,b\n");
        Result refused = run("train", "--dataset", "csv:" + train, "--test-data", "csv:" + purple, "--label-column", "kind", "--stream", "30",
                "--epochs", "1", "--out", dir.resolve("refused").toString());
        assertEquals(4, refused.code(), refused.err());
        assertTrue(refused.err().contains("line 3, column colour: unknown category 'purple'; the model knows blue, green, red"), refused.err());
    }

    @Test
    void streamingRefusesWhatItCannotDo() {
        Result noTest = run("train", "--dataset", "csv:" + dir.resolve("x.csv"), "--stream", "100", "--out", dir.resolve("a").toString());
        assertTrue(noTest.code() != 0);
        assertTrue(noTest.err().contains("--test-data csv:PATH"), noTest.err());
        Result validation = run("train", "--stream", "100", "--validation", "0.2", "--out", dir.resolve("b").toString());
        assertTrue(validation.err().contains("takes no --validation split"), validation.err());
        Result digits = run("train", "--stream", "100", "--out", dir.resolve("c").toString());
        assertTrue(digits.err().contains("--stream reads fashion-mnist, mnist or csv:PATH"), digits.err());
        Result missing = run("train", "--dataset", "csv:" + dir.resolve("x.csv"), "--test-data", "csv:" + dir.resolve("x.csv"), "--stream",
                "100", "--missing", "mean", "--out", dir.resolve("d").toString());
        assertEquals(ExitCode.CONFIGURATION.code, missing.code(), missing.err());
        assertTrue(missing.err().contains("--stream reads every row of its file as it is: it cannot leave out or fill in missing values"
                + " (--missing mean)"), missing.err());
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
