package org.neuronkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.cli.TrainCommandTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.InputEncoding;
import org.neuronkit.io.ModelFile;

/**
 * A CSV with an id column, a categorical column, a missing value and the label by name: {@code train} one-hot
 * encodes and fills means from the training split only, and {@code predict}/{@code eval} read new rows with the
 * options the run recorded and the model's encoding.
 */
class PredictCsvOptionsTest {
    private static final int ROWS = 60;
    private static final long SEED = 7;
    @TempDir
    static Path dir;
    static Path run;

    /** Row i: id, colour (red, green, blue by i % 3), width (NA on row 5), kind (a for red, else b). */
    private static String shapes(double changedWidth, int changedRow) {
        StringBuilder text = new StringBuilder("id,colour,width,kind\n");
        for (int i = 0; i < ROWS; i++) {
            String colour = List.of("red", "green", "blue").get(i % 3);
            String width = i == 5 ? "NA" : String.format(Locale.ROOT, "%.1f", i == changedRow ? changedWidth : i % 7 + 0.5);
            text.append(1000 + i).append(',').append(colour).append(',').append(width).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        return text.toString();
    }

    private static Path train(String name, String csv) throws IOException {
        Path file = Files.writeString(dir.resolve(name + ".csv"), csv);
        Path out = dir.resolve(name);
        TrainCommandTest.Result result = run("train", "--data", file.toString(), "--label-column", "kind", "--ignore-columns", "id",
                "--missing", "mean", "--hidden", "8", "--epochs", "30", "--lr", "0.05", "--seed", Long.toString(SEED), "--out", out.toString());
        assertEquals(0, result.code(), result.err());
        return out;
    }

    @BeforeAll
    static void trainOnShapes() throws IOException {
        run = train("shapes", shapes(0, -1));
    }

    /** The rows (0 … N−1) of the training split as train makes it: 80 % of the file with the seed, then 90 % of that with seed + 1. */
    private static int[] trainingRows() {
        INDArray index = Nd4j.arange(ROWS).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(ROWS, 1);
        DataSet all = DataSet.ofClasses(index, new int[ROWS], 1);
        DataSet train = all.split(NamedDataset.TRAIN_FRACTION, SEED).train().split(0.9, SEED + 1).train();
        return train.features().toIntVector();
    }

    @Test
    void theModelKeepsTheCategoriesAndTheTrainingSplitsMeans() throws IOException {
        InputEncoding input = ModelFile.load(run).input();
        assertEquals(List.of("colour=blue", "colour=green", "colour=red", "width"), input.featureNames());
        double sum = 0;
        int count = 0;
        int[] colours = new int[3];
        for (int i : trainingRows()) {
            colours[List.of("blue", "green", "red").indexOf(List.of("red", "green", "blue").get(i % 3))]++;
            if (i != 5) {
                sum += i % 7 + 0.5;
                count++;
            }
        }
        int n = trainingRows().length;
        assertArrayEquals(new double[] {(double) colours[0] / n, (double) colours[1] / n, (double) colours[2] / n, sum / count},
                input.missingMeans(), 1e-12, "the means over the training rows only");

        List<Integer> training = java.util.Arrays.stream(trainingRows()).boxed().toList();
        int held = java.util.stream.IntStream.range(0, ROWS).filter(i -> i != 5 && !training.contains(i)).findFirst().orElseThrow();
        Path changed = train("changed", shapes(1e4, held));
        assertArrayEquals(input.missingMeans(), ModelFile.load(changed).input().missingMeans(), 0,
                "a width of 10,000 in row " + held + " (validation or test) leaves the stored means as they were");
    }

    /** inspect lists the raw columns the model reads, each one-hot column with its categories in feature order. */
    @Test
    void inspectListsTheInputColumnsAndTheirFeatures() {
        TrainCommandTest.Result result = run("inspect", "--model", run.toString());
        assertEquals(0, result.code(), result.err());
        String out = result.out();
        assertTrue(out.contains("inputs 2 columns → 4 features:\n  colour  one-hot: blue, green, red\n  width   number\n"
                + "  a missing cell becomes its feature's mean over the training rows\n"), out);
    }

    @Test
    void predictReadsRowsWithTheRecordedOptionsAndTheModelsEncoding() throws IOException {
        Path rows = Files.writeString(dir.resolve("rows.csv"), "id,colour,width\n1,red,2.5\n2,blue,NA\n3,green,6.5\n");
        TrainCommandTest.Result result = run("predict", "--model", run.toString(), "--data", rows.toString());
        assertEquals(0, result.code(), result.err());
        ModelFile.Model model = ModelFile.load(run);
        double[] means = model.input().missingMeans();
        INDArray encoded = Nd4j.createFromArray(new float[][] {{0, 0, 1, 2.5f}, {1, 0, 0, (float) means[3]}, {0, 1, 0, 6.5f}});
        int[] expected = model.predict(encoded);
        List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result.out());
        for (int r = 0; r < 3; r++) {
            assertTrue(lines.get(r + 1).startsWith(expected[r] + "," + model.outputNames().get(expected[r]) + ","), lines.get(r + 1));
        }
        assertEquals("a", model.outputNames().get(expected[0]), "red rows are kind a");

        Path labelled = Files.writeString(dir.resolve("labelled.csv"), "id,colour,width,kind\n1,red,2.5,a\n2,blue,NA,b\n3,green,6.5,b\n");
        TrainCommandTest.Result withLabel = run("predict", "--model", run.toString(), "--data", labelled.toString());
        assertEquals(result.out(), withLabel.out(), "the label column is left out");

        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "id,colour,width\n1,purple,2.5\n");
        TrainCommandTest.Result refused = run("predict", "--model", run.toString(), "--data", unknown.toString());
        assertEquals(4, refused.code(), refused.err());
        assertTrue(refused.err().contains("line 2, column colour: unknown category 'purple'; the model knows blue, green, red"
                + " (give --unknown-category ignore to encode it as all zeros)"), refused.err());
        assertEquals(0, run("predict", "--model", run.toString(), "--data", unknown.toString(), "--unknown-category", "ignore").code());

        TrainCommandTest.Result evaluated = run("eval", "--model", run.toString(), "--data", labelled.toString());
        assertEquals(0, evaluated.code(), evaluated.err());
        assertTrue(evaluated.out().startsWith("accuracy"), evaluated.out());
    }
}
