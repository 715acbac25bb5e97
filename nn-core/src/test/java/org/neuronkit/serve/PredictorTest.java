package org.neuronkit.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

class PredictorTest {
    @TempDir
    Path dir;

    /** Every layer kind a replica must rebuild: dense, learned swish, maxout, dropout (identity at inference). */
    static Network network(long seed) {
        Network network = Network.builder(12).seed(seed)
                .dense(16, Activations.parse("swish(learn-neuron,1.0)"))
                .dropout(0.3)
                .maxout(8, 3)
                .output(5, Losses.softmaxCrossEntropy())
                .build();
        Nd4j.getRandom().setSeed(seed);
        network.parameters().addi(Nd4j.rand(DataType.FLOAT, network.parameterCount()).subi(0.5));
        return network;
    }

    static INDArray rows(int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, 12).muli(6).subi(3);
    }

    /** A regression model file's target scaling is undone by the predictor as by ModelFile.Model.output, also into a given array. */
    @Test
    void aRegressionModelsOutputsAreInTheTargetsUnits() {
        Network network = Network.builder(12).seed(4).dense(6, Activations.tanh()).output(2, Losses.squaredError()).build();
        Normalizer scaling = Normalizer.standardize().fit(Nd4j.createFromArray(new float[][] {{100, 1}, {300, 5}}));
        Path file = dir.resolve("regression.safetensors");
        ModelFile.save(new ModelFile.Model(network, null, null, java.util.List.of(), scaling), file);
        INDArray x = rows(3, 9);
        INDArray expected = ModelFile.load(file).output(x);
        assertEquals(network.output(x).getDouble(0, 0) * 100 + 200, expected.getDouble(0, 0), 1e-3);
        try (Predictor predictor = Predictor.load(dir)) {
            assertTrue(false, "the folder holds no model.safetensors");
        } catch (org.neuronkit.ModelFileException e) {
            assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
        }
        try (Predictor predictor = Predictor.load(file)) {
            assertEquals(expected, predictor.output(x));
            INDArray into = Nd4j.create(DataType.FLOAT, 3, 2);
            predictor.outputInto(x, into);
            assertEquals(expected, into);
        }
    }

    @Test
    void givesTheNetworksOwnOutputsBitForBit() {
        try (Network network = network(1); Predictor predictor = Predictor.of(network)) {
            for (int n : new int[] {1, 7, 32, 1}) {
                INDArray x = rows(n, n);
                INDArray expected = network.output(x);
                assertIdentical(expected, predictor.output(x));
                assertIdentical(expected, predictor.probabilities(x));
                INDArray out = Nd4j.create(DataType.FLOAT, n, 5);
                predictor.outputInto(x, out);
                assertIdentical(expected, out);
                assertArrayEquals(network.predict(x), predictor.predict(x));
            }
        }
    }

    @Test
    void appliesTheModelsNormaliserToACopyOfTheRawInput() {
        Network network = network(2);
        Normalizer normalizer = Normalizer.standardize().fit(rows(40, 9).muli(7).addi(2));
        Path file = dir.resolve("model.safetensors");
        ModelFile.save(network, normalizer, file);
        ModelFile.Model model = ModelFile.load(file);
        INDArray raw = rows(10, 3).muli(7).addi(2);
        INDArray before = raw.dup();
        try (Predictor predictor = Predictor.load(file)) {
            assertIdentical(model.output(raw), predictor.output(raw));
            assertArrayEquals(model.predict(raw), predictor.predict(raw));
            assertEquals(before, raw, "the caller's input is left as it was");
            INDArray doubles = raw.castTo(DataType.DOUBLE);
            assertIdentical(model.output(raw), predictor.output(doubles));
        }
    }

    private static void assertIdentical(INDArray expected, INDArray actual) {
        assertTrue(MixedLoad.identical(expected, actual), () -> "expected " + expected + " but got " + actual);
    }

    @Test
    void concurrentMixedCallsEqualSingleThreadResultsBitForBit() throws Exception {
        int threads = 8;
        int callsPerThread = 10_000;
        try (Network network = network(3); Predictor predictor = Predictor.of(network, null, 4)) {
            MixedLoad load = new MixedLoad(network);
            long mismatches = load.run(threads, callsPerThread, predictor::output);
            assertEquals(0, mismatches, "mismatching calls of " + threads * callsPerThread);
            assertEquals(threads * callsPerThread, load.calls());
        }
    }

    @Test
    void refusesInputsOfTheWrongShapeNamingIt() {
        try (Network network = network(4); Predictor predictor = Predictor.of(network)) {
            DataException wrong = assertThrows(DataException.class, () -> predictor.output(Nd4j.rand(DataType.FLOAT, 3, 11)));
            assertTrue(wrong.getMessage().contains("N × 12") && wrong.getMessage().contains("[3, 11]"), wrong.getMessage());
            DataException out = assertThrows(DataException.class,
                    () -> predictor.outputInto(rows(3, 1), Nd4j.create(DataType.FLOAT, 3, 4)));
            assertTrue(out.getMessage().contains("3 × 5"), out.getMessage());
        }
    }

    @Test
    void aRegressionNetworkHasNoProbabilities() {
        try (Network network = Network.builder(3).dense(4, Activations.relu()).output(2, Losses.squaredError()).build();
             Predictor predictor = Predictor.of(network)) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> predictor.probabilities(Nd4j.rand(DataType.FLOAT, 2, 3)));
            assertTrue(e.getMessage().contains("squared-error"), e.getMessage());
            assertThrows(ConfigurationException.class, () -> predictor.probabilities(new float[2][3]));
            LeanPlanTest.assertClose(network.output(Nd4j.ones(DataType.FLOAT, 2, 3)), predictor.output(Nd4j.ones(DataType.FLOAT, 2, 3)),
                    "the lean path's output");
        }
    }

    @Test
    void aClosedPredictorOrNetworkSaysSo() {
        Network network = network(5);
        Predictor predictor = Predictor.of(network);
        predictor.predict(rows(2, 1));
        predictor.close();
        predictor.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> predictor.predict(rows(2, 1)));
        assertTrue(closed.getMessage().contains("Predictor (12 → 5) is closed"), closed.getMessage());
        network.output(rows(2, 1));

        Predictor second = Predictor.of(network);
        network.close();
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> second.output(rows(2, 1)));
        assertTrue(gone.getMessage().contains("network of this Predictor (12 → 5) was closed"), gone.getMessage());
        second.close();
        assertThrows(IllegalStateException.class, () -> Predictor.of(network));
    }

    @Test
    void aLoadedPredictorClosesItsNetwork() {
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(network(6), null, file);
        Predictor predictor = Predictor.load(file);
        int[] classes = predictor.predict(new float[][] {new float[12], new float[12]});
        assertEquals(2, classes.length);
        predictor.close();
        assertThrows(IllegalStateException.class, () -> predictor.predict(new double[][] {new double[12]}));
    }
}
