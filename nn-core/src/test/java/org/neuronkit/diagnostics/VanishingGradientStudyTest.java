package org.neuronkit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.layer.Dense;
import org.neuronkit.network.Network;

class VanishingGradientStudyTest {
    private static final VanishingGradientStudy.Config CONFIG = new VanishingGradientStudy.Config(
            10, 16, List.of("logistic", "tanh", "relu"), "sgd", 0.1, 32, 2, 512, 42);
    private static DataSet digits;
    private static Map<String, VanishingGradientStudy.Run> runs;

    @BeforeAll
    static void runStudy() {
        digits = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling());
        runs = VanishingGradientStudy.run(CONFIG, digits).stream()
                .collect(Collectors.toMap(VanishingGradientStudy.Run::activation, Function.identity()));
        runs.values().forEach(r -> System.out.printf("%-9s start ratio %.3e  trained ratio %.3e  loss %.4f%n",
                r.activation(), r.startRatio(), r.trainedRatio(), r.trainLoss()));
    }

    @Test
    void logisticFirstLayerGradientIsOrdersOfMagnitudeWeakerThanRelus() {
        double logistic = runs.get("logistic").startRatio();
        double relu = runs.get("relu").startRatio();
        assertTrue(logistic * 10 < relu, "first/last gradient ratio: logistic " + logistic + ", relu " + relu);
        assertTrue(runs.get("logistic").trainedRatio() * 10 < runs.get("relu").trainedRatio(),
                "after training: logistic " + runs.get("logistic").trainedRatio() + ", relu " + runs.get("relu").trainedRatio());
    }

    @Test
    void logisticDeltaObeysTheQuarterPerLayerBound() {
        DeltaBound bound = runs.get("logistic").startBound();
        assertEquals(0.25, bound.maxSlope());
        assertEquals(11, bound.measured().length);
        for (int l = 0; l < bound.measured().length; l++) {
            assertTrue(bound.measured()[l] <= bound.bound()[l] * (1 + 1e-12),
                    "layer " + (l + 1) + ": ‖δ‖ = " + bound.measured()[l] + " > bound " + bound.bound()[l]);
        }
        // the bound itself shrinks by at least 4× per layer wherever ‖W‖₂ < 1 … and in total by far more than ReLU's
        assertTrue(bound.bound()[0] < bound.measured()[10] * 1e-3, "bound on ‖δ⁽¹⁾‖ " + bound.bound()[0]);
    }

    @Test
    void boundIsCheckedAgainstAnIndependentFrobeniusChain() {
        // rebuild the untrained logistic network, redo the probe and compute the weaker Frobenius chain with plain Java
        Network network = VanishingGradientStudy.build(CONFIG, "logistic", digits);
        DataSet probe = digits.castTo(network.dataType()).select(IntStream.range(0, 512).toArray());
        network.computeGradient(probe.features(), probe.targets());
        DeltaBound bound = DeltaBound.of(network, 0.25);
        int count = network.layers().size();
        double chain = network.layers().get(count - 1).delta().norm2Number().doubleValue();
        for (int l = count - 2; l >= 0; l--) {
            double[][] w = ((Dense) network.layers().get(l + 1)).weights().toDoubleMatrix();
            double frobenius = 0;
            for (double[] row : w) {
                for (double v : row) {
                    frobenius += v * v;
                }
            }
            chain *= 0.25 * Math.sqrt(frobenius);
            double measured = deltaNorm(network.layers().get(l).delta());
            assertEquals(measured, bound.measured()[l], 1e-12 * measured);
            assertTrue(bound.bound()[l] <= chain * (1 + 1e-9), "spectral bound " + bound.bound()[l] + " above Frobenius bound " + chain);
            assertTrue(measured <= chain, "layer " + (l + 1));
        }
    }

    @Test
    void boundIsReportedOnlyWhereTheSlopeIsKnown() {
        VanishingGradientStudy.Config softplus = new VanishingGradientStudy.Config(2, 4, List.of("softplus"), "sgd", 0.1, 64, 1, 64, 1);
        assertNull(VanishingGradientStudy.run(softplus, digits.select(IntStream.range(0, 128).toArray())).get(0).startBound());
    }

    @Test
    void badConfigurationsAreNamed() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new VanishingGradientStudy.Config(10, 16, List.of(), "sgd", 0.1, 32, 1, 64, 1));
        assertEquals("the vanishing-gradient study needs at least one activation", e.getMessage());
        e = assertThrows(ConfigurationException.class,
                () -> new VanishingGradientStudy.Config(0, 16, List.of("relu"), "sgd", 0.1, 32, 1, 64, 1));
        assertEquals("the vanishing-gradient study needs ≥ 1 hidden layer, width, epoch and probe row; got 0 layers, width 16, 1 epochs, probe 64",
                e.getMessage());
    }

    private static double deltaNorm(INDArray delta) {
        double sum = 0;
        for (double v : delta.dup().data().asDouble()) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
