package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;
import org.neuronkit.activation.Activations;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Sgd;
import org.neuronkit.serve.Predictor;
import org.neuronkit.train.Trainer;

/** Categorical text columns become one-hot features with their categories kept; missing values are filled with training means. */
class CsvCategoricalColumnsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void aTextColumnBecomesOneHotWithSortedCategories() throws IOException {
        Path file = write("shapes.csv", "width,colour,kind\n1.5,red,a\n2,green,b\n3,red,a\n4,blue,b\n");
        CsvReader.CsvData read = CsvReader.defaults().readNamed(file);
        InputEncoding encoding = read.encoding();
        assertEquals(List.of("width", "colour=blue", "colour=green", "colour=red"), encoding.featureNames());
        assertEquals(Nd4j.createFromArray(new float[][] {{1.5f, 0, 0, 1}, {2, 0, 1, 0}, {3, 0, 0, 1}, {4, 1, 0, 0}}), read.data().features());
        assertEquals(encoding, InputEncoding.fromJson(encoding.toJson()), "the JSON a model file stores gives the same encoding");

        Path numbers = write("codes.csv", "code,kind\n10,a\n20,b\n10,b\n");
        assertEquals(List.of("code=10", "code=20"), CsvReader.defaults().withCategoricalColumns(List.of("code")).readNamed(numbers)
                .encoding().featureNames(), "--categorical-columns reads numbers as categories");
    }

    @Test
    void aModelsEncodingAppliesToNewRowsAndNamesAnUnknownCategory() throws IOException {
        InputEncoding trained = CsvReader.defaults().readNamed(write("train.csv", "width,colour,kind\n1,red,a\n2,green,b\n")).encoding();
        Path rows = write("rows.csv", "width,colour\n5,green\n6,purple\n");
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.defaults().withEncoding(trained, UnknownCategory.ERROR).readFeatures(rows));
        assertEquals("file " + rows + ", line 3, column colour: unknown category 'purple'; the model knows green, red"
                + " (give --unknown-category ignore to encode it as all zeros)", e.getMessage());
        INDArray ignored = CsvReader.defaults().withEncoding(trained, UnknownCategory.IGNORE).readFeatures(rows);
        assertEquals(Nd4j.createFromArray(new float[][] {{5, 1, 0}, {6, 0, 0}}), ignored);

        Path labelled = write("labelled.csv", "width,colour,kind\n5,green,b\n");
        assertEquals(Nd4j.createFromArray(new float[][] {{5, 1, 0}}),
                CsvReader.defaults().withEncoding(trained, UnknownCategory.ERROR).readFeatures(labelled),
                "the label column of a row file is left out");
    }

    @Test
    void meansAreFittedOnTheTrainingRowsOnlyAndFillNewRows() throws IOException {
        Path file = write("gaps.csv", "a,colour,label\n1,red,x\nNA,blue,y\n3,?,x\n100,red,y\n");
        CsvReader.CsvData read = CsvReader.defaults().withMissing(Missing.MEAN).readNamed(file);
        DataSet all = read.data();
        assertTrue(all.hasMissingValues());
        DataSet train = all.select(new int[] {0, 1, 2});
        DataSet validation = all.select(new int[] {3});
        InputEncoding fitted = read.encoding().withMeansOf(train.features());
        assertArrayEquals(new double[] {2, 0.5, 0.5}, fitted.missingMeans(), 1e-12,
                "a: mean of 1 and 3 (not the validation row's 100); colour: one blue, one red among the training rows");
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 0, 1}, {2, 1, 0}, {3, 0.5f, 0.5f}}), train.filledBy(fitted).features());
        assertEquals(Nd4j.createFromArray(new float[][] {{100, 0, 1}}), validation.filledBy(fitted).features());

        DataException refused = assertThrows(DataException.class, () -> new Trainer(new Sgd(0.1), 2, 1, 1)
                .fit(Network.builder(3).output(2, Losses.softmaxCrossEntropy()).build(), all.select(new int[] {0, 1, 2}), null));
        assertTrue(refused.getMessage().startsWith("the training data has missing values"), refused.getMessage());
    }

    @Test
    void aModelFileKeepsTheEncodingAndAPredictorTakesRawRows() throws IOException {
        InputEncoding encoding = InputEncoding.of(List.of(InputEncoding.Column.numeric("width"),
                new InputEncoding.Column("colour", List.of("green", "red")))).withMeansOf(Nd4j.createFromArray(new double[][] {{2, 1, 0},
                        {4, 0, 1}}));
        Network network = Network.builder(3).dense(4, Activations.tanh()).output(2, Losses.softmaxCrossEntropy()).seed(1).build();
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(new ModelFile.Model(network, null, null, List.of("a", "b"), null, encoding), file);
        ModelFile.Model loaded = ModelFile.load(file);
        assertEquals(encoding, loaded.input());
        try (Predictor predictor = Predictor.of(loaded)) {
            float[][] encoded = predictor.encode(new String[][] {{"5", "red"}, {"NA", "green"}, {"1", "NA"}}, UnknownCategory.ERROR);
            assertArrayEquals(new float[] {5, 0, 1}, encoded[0]);
            assertArrayEquals(new float[] {3, 1, 0}, encoded[1], "width filled with its mean 3");
            assertArrayEquals(new float[] {1, 0.5f, 0.5f}, encoded[2], "colour filled with the category shares");
            assertArrayEquals(predictor.predict(encoded), predictor.predict(Nd4j.createFromArray(new float[][] {{5, 0, 1}, {Float.NaN, 1, 0},
                    {1, Float.NaN, Float.NaN}})), "NaN features are filled with the same means");
            DataException e = assertThrows(DataException.class, () -> predictor.classify(new String[][] {{"1", "blue"}}));
            assertEquals("row 1, column colour: unknown category 'blue'; the model knows green, red"
                    + " (give --unknown-category ignore to encode it as all zeros)", e.getMessage());
            DataException nullRow = assertThrows(DataException.class, () -> predictor.classify(new String[][] {{"1", "red"}, null}));
            assertTrue(nullRow.getMessage().startsWith("row 2 is null; the model's inputs are the 2 columns "), nullRow.getMessage());
            DataException huge = assertThrows(DataException.class, () -> predictor.classify(new String[][] {{"1e400", "red"}}));
            assertTrue(huge.getMessage().endsWith(": '1e400' is beyond FLOAT's range (±3.4028235E38)"), huge.getMessage());
        }

        Path old = dir.resolve("old.safetensors");
        ModelFile.save(network, null, old);
        assertFalse(new String(Files.readAllBytes(old), java.nio.charset.StandardCharsets.ISO_8859_1).contains("input_encoding"));
        assertNull(ModelFile.load(old).input(), "a file without the optional key loads, its inputs the features");
        network.close();
    }
}
