package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;
import org.neuronkit.NumericalException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.Sgd;

class TrainerTest {

    @Test
    void learnsTheBundledDigits() {
        DataSet.Split split = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.8, 42);
        Network network = Network.builder(64).dense(128, Activations.relu()).output(10, Losses.softmaxCrossEntropy())
                .l2(1e-4).seed(42).build();
        List<EpochResult> heard = new ArrayList<>();
        TrainingReport report = new Trainer(new Adam(0.002), 32, 20, 42)
                .addListener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult result) {
                        heard.add(result);
                    }
                })
                .fit(network, split.train(), split.test());
        assertEquals(20, heard.size());
        assertTrue(report.last().trainLoss() < heard.get(0).trainLoss() / 3, "the loss falls: " + heard);
        assertTrue(report.last().validationAccuracy() >= 0.95, "test accuracy " + report.last().validationAccuracy());
        Evaluation direct = Evaluation.of(network, split.test(), 100);
        assertEquals(report.last().validationAccuracy(), direct.accuracy(), 1e-12);
    }

    @Test
    void divergingTrainingStopsNamingEpochStepAndLayer() {
        DataSet data = DataSet.ofClasses(Nd4j.rand(DataType.FLOAT, 64, 5).muli(1e3f), new int[64], 2);
        Network network = Network.builder(5).dense(8, Activations.relu()).dense(8, Activations.relu())
                .output(2, Losses.softmaxCrossEntropy()).build();
        NumericalException e = assertThrows(NumericalException.class,
                () -> new Trainer(new Sgd(1e30), 16, 5, 1).fit(network, data, null));
        assertTrue(e.getMessage().matches("training stopped at epoch \\d+, step \\d+: .*layer \\d+, .*"), e.getMessage());
        assertTrue(Network.isFinite(network.parameters()), "no NaN was written into the parameters");
    }

    @Test
    void mismatchedDataIsRejectedBeforeTraining() {
        Network network = Network.builder(64).output(10, Losses.softmaxCrossEntropy()).build();
        DataSet wrong = DataSet.ofClasses(new double[][] {{1, 2, 3}}, new int[] {0}, 10);
        DataException e = assertThrows(DataException.class, () -> new Trainer(new Sgd(0.1), 8, 1, 1).fit(network, wrong, null));
        assertTrue(e.getMessage().contains("3 features") && e.getMessage().contains("expects 64"), e.getMessage());
    }
}
