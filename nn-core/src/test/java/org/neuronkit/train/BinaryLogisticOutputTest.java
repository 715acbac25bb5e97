package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.DataSet;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.serve.Predictor;

/** A binary classifier with one logistic output unit (C = 1): class 1 iff ŷ ≥ 0.5, on every path. */
class BinaryLogisticOutputTest {

    /** 400 points of the plane, class 1 iff x₀ + x₁ > 0, kept at least 0.2 away from the boundary. */
    private static double[][] points(int[] labels) {
        Random random = new Random(5);
        double[][] x = new double[labels.length][];
        for (int n = 0; n < labels.length; n++) {
            double a;
            double b;
            do {
                a = random.nextDouble() * 4 - 2;
                b = random.nextDouble() * 4 - 2;
            } while (Math.abs(a + b) < 0.2);
            x[n] = new double[] {a, b};
            labels[n] = a + b > 0 ? 1 : 0;
        }
        return x;
    }

    @Test
    void aSingleLogisticOutputThresholdsAtOneHalfEverywhere() {
        int[] labels = new int[400];
        INDArray x = Nd4j.create(points(labels)).castTo(DataType.FLOAT);
        DataSet data = DataSet.ofBinaryLabels(x, labels);
        assertEquals(2, data.numClasses());
        assertEquals(1, data.targets().columns());
        Network network = Network.builder(2).dense(4, Activations.tanh()).output(1, Losses.logisticCrossEntropy()).seed(3).build();
        TrainingReport report = new Trainer(new Adam(0.05), 32, 40, 3).fit(network, data, data);
        assertTrue(report.last().validationAccuracy() >= 0.97, "training's accuracy " + report.last().validationAccuracy());

        INDArray p = network.output(x).dup();
        int[] expected = new int[labels.length];
        for (int n = 0; n < labels.length; n++) {
            expected[n] = p.getDouble(n, 0) >= 0.5 ? 1 : 0;
        }
        assertArrayEquals(expected, network.predict(x), "Network.predict");
        try (Predictor predictor = Predictor.of(network)) {
            assertArrayEquals(expected, predictor.predict(x), "Predictor.predict");
            assertEquals(java.util.List.of("0", "1"), predictor.classNames());
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(p, Nd4j.createFromArray(labels));
        assertEquals(2, confusion.numClasses());
        assertTrue(confusion.accuracy() >= 0.97, "confusion accuracy " + confusion.accuracy());
        assertEquals(Evaluation.of(network, data, 50).accuracy(), confusion.accuracy(), 1e-12);
        int ones = java.util.Arrays.stream(labels).sum();
        assertTrue(confusion.count(1, 1) > 0.9 * ones && confusion.count(0, 0) > 0.9 * (labels.length - ones), confusion.toString());
    }

    /** Against the threshold written out by hand: rows 0, 1 and 2 are right, 3 wrong; 0.5 is class 1 (row 4 right, row 5 wrong). */
    @Test
    void correctCountOfASingleOutputUsesTheThreshold() {
        INDArray yHat = Nd4j.createFromArray(new float[][] {{0.9f}, {0.2f}, {0.1f}, {0.4f}, {0.5f}, {0.5f}});
        INDArray y = Nd4j.createFromArray(new float[][] {{1}, {0}, {0}, {1}, {1}, {0}});
        assertEquals(4, new CorrectCount().of(yHat, y));
    }
}
