package org.neuronkit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Minibatches;
import org.neuronkit.layer.Dense;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Sgd;
import org.neuronkit.train.Trainer;

class GradientDiagnosticsTest {
    private static final double LR = 0.1;
    private static final long SEED = 3;

    private static Network network() {
        return Network.builder(64).dataType(DataType.DOUBLE).seed(SEED)
                .dense(12, Activations.tanh()).dense(8, Activations.logistic())
                .output(10, Losses.softmaxCrossEntropy()).build();
    }

    private static DataSet data() {
        return BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).select(IntStream.range(0, 200).toArray()).castTo(DataType.DOUBLE);
    }

    private static List<GradientRecord> train(int everySteps) {
        Network network = network();
        GradientDiagnostics diagnostics = new GradientDiagnostics(network, everySteps);
        new Trainer(new Sgd(LR), 50, 2, SEED).addListener(diagnostics).fit(network, data(), null);
        return diagnostics.records();
    }

    @Test
    void recordsTheFirstStepAndTheLastStepOfEachEpoch() {
        List<GradientRecord> records = train(0);
        assertEquals(List.of(1L, 4L, 8L), records.stream().map(GradientRecord::globalStep).toList());
        assertEquals(List.of(1, 1, 2), records.stream().map(GradientRecord::epoch).toList());
        assertEquals(List.of(1, 4, 4), records.stream().map(GradientRecord::step).toList());
        assertEquals(List.of(1L, 3L, 5L, 7L), train(2).stream().map(GradientRecord::globalStep).toList());
    }

    @Test
    void layersWithoutWeightsAreLeftOut() {
        Network network = Network.builder(64).dataType(DataType.DOUBLE).seed(SEED)
                .dense(12, Activations.tanh()).batchNorm().dropout(0.2).dense(8, Activations.logistic())
                .output(10, Losses.softmaxCrossEntropy()).build();
        GradientDiagnostics diagnostics = new GradientDiagnostics(network);
        new Trainer(new Sgd(LR), 50, 1, SEED).addListener(diagnostics).fit(network, data(), null);
        for (GradientRecord record : diagnostics.records()) {
            assertEquals(List.of(1, 4, 5), record.layers().stream().map(LayerGradient::layer).toList());
            assertTrue(record.layers().stream().allMatch(g -> g.updateRatio() > 0), record.toString());
        }
    }

    @Test
    void firstRecordMatchesAnIndependentPassOverTheSameBatch() {
        GradientRecord first = train(0).get(0);
        // the same first batch, through an identically initialised network
        Network twin = network();
        Minibatches batches = new Minibatches(data(), 50, SEED);
        batches.startEpoch(0);
        Minibatches.Batch batch = batches.next();
        twin.computeGradient(batch.features(), batch.targets());
        for (int l = 0; l < 3; l++) {
            Dense layer = (Dense) twin.layers().get(l);
            LayerGradient g = first.layers().get(l);
            assertEquals(l + 1, g.layer());
            assertEquals(layer.describe(), g.description());
            assertEquals(frobenius(layer.weightGradient()), g.weightGradientNorm(), 1e-12 * g.weightGradientNorm());
            assertEquals(frobenius(layer.weights()), g.weightNorm(), 1e-12 * g.weightNorm());
            assertEquals(frobenius(layer.delta()), g.deltaNorm(), 1e-12 * g.deltaNorm());
            // plain SGD moves W by −α ∂R/∂W, so the relative update is α‖∂R/∂W‖/‖W‖
            assertEquals(LR * g.weightGradientNorm() / g.weightNorm(), g.updateRatio(), 1e-9 * g.updateRatio());
        }
        // the output layer's δ is (softmax(z) − y)/N, computed here from the outputs with plain Java
        double[][] p = twin.output(batch.features()).toDoubleMatrix();
        double[][] y = batch.targets().toDoubleMatrix();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            for (int c = 0; c < p[i].length; c++) {
                double d = (p[i][c] - y[i][c]) / p.length;
                sum += d * d;
            }
        }
        assertEquals(Math.sqrt(sum), first.layers().get(2).deltaNorm(), 1e-12);
    }

    @Test
    void negativeIntervalIsRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new GradientDiagnostics(network(), -1));
        assertEquals("the diagnostics interval must be ≥ 0 steps (0: once per epoch), got -1", e.getMessage());
    }

    private static double frobenius(INDArray matrix) {
        double sum = 0;
        for (double v : matrix.dup().data().asDouble()) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
