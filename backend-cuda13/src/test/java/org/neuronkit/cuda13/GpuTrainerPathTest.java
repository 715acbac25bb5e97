package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.neuronkit.NumericalException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.Sgd;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;
import org.neuronkit.train.TrainingReport;

/**
 * GpuTrainer's whole path (the engine in its own class loader, the reflective call, data and parameter
 * conversion, listeners) with the engine switched to its CPU reference, so that it runs without a GPU.
 */
class GpuTrainerPathTest {

    @BeforeEach
    void referenceEngine() {
        System.setProperty("neuronkit.cuda13.device", "reference");
    }

    @AfterEach
    void gpuEngine() {
        System.clearProperty("neuronkit.cuda13.device");
    }

    /** Three Gaussian blobs in 4 dimensions. */
    private static DataSet blobs(int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][4];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = random.nextInt(3);
            for (int i = 0; i < 4; i++) {
                x[r][i] = random.nextGaussian() * 0.6 + (i == y[r] ? 2 : 0);
            }
        }
        return DataSet.ofClasses(x, y, 3);
    }

    @Test
    void fitTrainsReportsEachEpochAndLeavesTheTrainedParametersInTheNetwork() {
        Network network = Network.builder(4).dense(16, Activations.relu()).dense(8, Activations.geluTanh())
                .output(3, Losses.softmaxCrossEntropy()).seed(3).dataType(DataType.FLOAT).build();
        DataSet train = blobs(300, 1);
        DataSet validation = blobs(100, 2);
        List<String> heard = new ArrayList<>();
        TrainingReport report = new GpuTrainer(new Adam(0.01), 32, 8, 5).addListener(new TrainingListener() {
            @Override
            public void onStart(TrainingPlan plan) {
                heard.add("start " + plan);
            }

            @Override
            public void onEpoch(EpochResult result) {
                heard.add("epoch " + result.epoch());
            }

            @Override
            public void onEnd(TrainingReport report) {
                heard.add("end " + report.epochs().size());
            }
        }).fit(network, train, validation);

        assertEquals(List.of("start TrainingPlan[firstEpoch=1, lastEpoch=8, batchesPerEpoch=10, trainingSamples=300]", "epoch 1", "epoch 2",
                "epoch 3", "epoch 4", "epoch 5", "epoch 6", "epoch 7", "epoch 8", "end 8"), heard);
        EpochResult first = report.epochs().get(0);
        EpochResult last = report.last();
        assertTrue(last.trainLoss() < 0.5 * first.trainLoss(), "training risk " + first.trainLoss() + " → " + last.trainLoss());
        assertEquals(0.01, last.learningRate(), 1e-12);
        assertEquals(2400, report.samplesSeen());
        // nn-core, on the parameters copied back, sees what the engine reported for the validation set
        double nnCoreLoss = network.risk(validation.features().castTo(DataType.FLOAT), validation.targets().castTo(DataType.FLOAT));
        assertEquals(last.validationLoss(), nnCoreLoss, 1e-4 * nnCoreLoss);
        int[] predicted = network.predict(validation.features().castTo(DataType.FLOAT));
        int correct = 0;
        for (int r = 0; r < predicted.length; r++) {
            correct += predicted[r] == validation.labels()[r] ? 1 : 0;
        }
        assertEquals(last.validationAccuracy(), correct / 100.0, 0.0101);
        assertTrue(last.validationAccuracy() > 0.9, "validation accuracy " + last.validationAccuracy());
    }

    @Test
    void aDivergingRunStopsNamingTheStepAndKeepsTheLastFiniteParameters() {
        Network network = Network.builder(4).dense(8, Activations.relu()).output(3, Losses.softmaxCrossEntropy()).seed(3)
                .dataType(DataType.FLOAT).build();
        NumericalException e = assertThrows(NumericalException.class,
                () -> new GpuTrainer(new Sgd(1e38), 30, 3, 1).fit(network, blobs(90, 4), null));
        assertTrue(e.getMessage().matches("training stopped at epoch 1, step [23]: the loss or the gradient is not finite\\. .*"), e.getMessage());
        float[] parameters = NetworkShape.of(network).parameters(network);
        for (float p : parameters) {
            assertTrue(Float.isFinite(p), "a non-finite parameter was copied back");
        }
    }
}
