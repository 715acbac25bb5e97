package org.neuronkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NormalizerTest {

    private static void assertMatrix(double[][] expected, INDArray actual, double tolerance) {
        assertEquals(expected.length, actual.rows());
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual.getDouble(i, j), tolerance, "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void minMaxIsFittedOnTrainingAndAppliedToOtherSplits() {
        INDArray train = Nd4j.createFromArray(new double[][] {{1, 10, 7}, {3, 30, 7}, {2, 20, 7}});
        Normalizer n = Normalizer.minMax().fit(train);
        assertMatrix(new double[][] {{0, 0, 0}, {1, 1, 0}, {0.5, 0.5, 0}}, n.transform(train.dup()), 1e-15);
        // the test split uses the training min and range, so it may leave [0, 1]; the constant feature is only shifted
        INDArray test = Nd4j.createFromArray(new double[][] {{5, 0, 8}});
        assertMatrix(new double[][] {{(5 - 1) / 2.0, (0 - 10) / 20.0, 1}}, n.transform(test), 1e-15);
    }

    /** FLOAT values of 10³⁰ are finite, but their variance (10⁶⁰) is not: the fit fails naming the feature, in every kind. */
    @Test
    void aFitThatOverflowsTheDataTypeFailsNamingTheFeature() {
        INDArray train = Nd4j.createFromArray(new float[][] {{1, 1e30f}, {2, -1e30f}, {3, 0}});
        DataException e = assertThrows(DataException.class, () -> Normalizer.standardize().fit(train));
        assertEquals(true, e.getMessage().startsWith("normaliser 'standardize' cannot be fitted: feature 1 holds values up to 1.0000000150474662E30"
                + " in magnitude, and its mean or standard deviation overflows FLOAT"), e.getMessage());
        INDArray wide = Nd4j.createFromArray(new float[][] {{-3e38f, 0}, {3e38f, 1}});
        DataException range = assertThrows(DataException.class, () -> Normalizer.minMax().fit(wide));
        assertEquals(true, range.getMessage().contains("feature 0 holds values up to 3.0000000054977558E38 in magnitude, and its range"
                + " overflows FLOAT"), range.getMessage());
        assertEquals(1 / Math.sqrt(2 / 3.0), Normalizer.standardize().fit(train.getColumns(0).dup())
                .transform(Nd4j.createFromArray(new float[][] {{3}})).getDouble(0), 1e-6, "the small column alone fits: (3 − 2) / σ");
    }

    @Test
    void globalMinMaxScalesPixelsByOneRange() {
        INDArray pixels = Nd4j.createFromArray(new float[][] {{0, 255, 51}, {0, 0, 102}});
        Normalizer n = Normalizer.minMaxGlobal().fit(pixels);
        assertMatrix(new double[][] {{0, 1, 0.2}, {0, 0, 0.4}}, n.transform(pixels), 1e-7);
    }

    @Test
    void standardizeMatchesAnIndependentZScore() {
        Random random = new Random(3);
        double[][] train = new double[50][4];
        double[][] test = new double[5][4];
        for (double[][] m : new double[][][] {train, test}) {
            for (double[] row : m) {
                for (int j = 0; j < 4; j++) {
                    row[j] = (j + 1) * random.nextGaussian() + 10 * j;
                }
            }
        }
        double[] mean = new double[4];
        double[] sd = new double[4];
        for (int j = 0; j < 4; j++) {
            for (double[] row : train) {
                mean[j] += row[j] / train.length;
            }
            for (double[] row : train) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / train.length;
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        double[][] expected = new double[test.length][4];
        for (int i = 0; i < test.length; i++) {
            for (int j = 0; j < 4; j++) {
                expected[i][j] = (test[i][j] - mean[j]) / sd[j];
            }
        }
        Normalizer n = Normalizer.standardize().fit(Nd4j.createFromArray(train));
        assertMatrix(expected, n.transform(Nd4j.createFromArray(test)), 1e-12);
        // fitted in double, applied to float data
        assertMatrix(expected, n.transform(Nd4j.createFromArray(test).castTo(DataType.FLOAT)), 1e-5);
    }

    @Test
    void restoredFromSpecAndParamsTransformsTheSame() {
        INDArray train = Nd4j.rand(DataType.DOUBLE, 20, 3).muli(7);
        INDArray test = Nd4j.rand(DataType.DOUBLE, 4, 3);
        for (Normalizer fitted : new Normalizer[] {Normalizer.minMax(), Normalizer.minMaxGlobal(), Normalizer.standardize()}) {
            fitted.fit(train);
            Map<String, INDArray> params = fitted.params();
            Normalizer restored = Normalizer.restore(fitted.spec(), params);
            params.get("shift").addi(100); // params() hands out copies
            assertEquals(fitted.transform(test.dup()), restored.transform(test.dup()), fitted.spec());
        }
    }

    @Test
    void misuseIsReported() {
        Normalizer n = Normalizer.standardize();
        assertEquals("normaliser 'standardize' is used before fit",
                assertThrows(DataException.class, () -> n.transform(Nd4j.ones(2, 2))).getMessage());
        n.fit(Nd4j.rand(5, 3));
        assertEquals("normaliser 'standardize' was fitted on 3 features, the data has 4",
                assertThrows(DataException.class, () -> n.transform(Nd4j.ones(2, 4))).getMessage());
        assertEquals("unknown normaliser 'log'; known: minmax, minmax(global), standardize",
                assertThrows(DataException.class, () -> Normalizer.restore("log", Map.of())).getMessage());
    }

    @Test
    void kindsParseByNameFromTheRegistry() {
        assertEquals(null, Normalizers.parse("none"));
        assertEquals("minmax(global)", Normalizers.parse("MinMax-Global").spec());
        assertEquals("minmax(global)", Normalizers.parse("minmax(global)").spec());
        assertEquals("standardize", Normalizers.parse("standardize").spec());
        assertEquals("normaliser 'minmax(local)': expected 'global', got 'local'",
                assertThrows(org.neuronkit.ConfigurationException.class, () -> Normalizers.parse("minmax(local)")).getMessage());
        assertEquals("unknown normaliser 'log'; known: " + String.join(", ", Normalizers.REGISTRY.usages()),
                assertThrows(org.neuronkit.ConfigurationException.class, () -> Normalizers.parse("log")).getMessage());
    }
}
