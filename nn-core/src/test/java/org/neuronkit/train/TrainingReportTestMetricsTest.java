package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuronkit.DataException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;

/** {@link Trainer#testSet}: the report's test metrics, and {@link LoggingTrainingListener}'s lines. */
class TrainingReportTestMetricsTest {

    private static Network network() {
        return Network.builder(64).dense(16, Activations.tanh()).output(10, Losses.softmaxCrossEntropy()).seed(7).build();
    }

    @Test
    void theTestSetIsEvaluatedOnceAfterTheLastEpoch() {
        DataSet.Split split = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.8, 3);
        Network network = network();
        TrainingReport report = new Trainer(new Adam(0.01), 16, 5, 1).testSet(split.test()).fit(network, split.train(), null);
        assertTrue(report.hasTest());
        Evaluation direct = Evaluation.of(network, split.test(), 7);
        assertEquals(direct.risk(), report.test().risk(), 1e-6);
        assertEquals(direct.accuracy(), report.test().accuracy(), 1e-12);
    }

    @Test
    void withoutATestSetTheReportHasNoTestMetrics() {
        DataSet data = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling());
        TrainingReport report = new Trainer(new Adam(0.01), 16, 1, 1).fit(network(), data, null);
        assertFalse(report.hasTest());
        assertNull(report.test());
    }

    @Test
    void aTestSetOfTheWrongShapeIsRefusedBeforeTraining() {
        DataSet wrong = DataSet.ofClasses(new double[][] {{1, 2}}, new int[] {0}, 10);
        DataException e = assertThrows(DataException.class,
                () -> new Trainer(new Adam(0.01), 16, 1, 1).testSet(wrong).fit(network(), BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()), null));
        assertTrue(e.getMessage().contains("the test data has 2 features"), e.getMessage());
    }

    @Test
    void theLoggingListenerWritesOneReadableLinePerEpoch() {
        EpochResult withValidation = new EpochResult(3, 0.21041, 0.93912, 0.25, 0.9, 0.002, 1.234, 1000);
        assertEquals("epoch 3/20: loss 0.2104, accuracy 0.9391, validation loss 0.2500, validation accuracy 0.9000,"
                + " learning rate 0.00200, 1.23 s", LoggingTrainingListener.line(withValidation, 20));
        EpochResult regression = new EpochResult(1, 0.5, Double.NaN, Double.NaN, Double.NaN, 0.1, 0.5, 10);
        assertEquals("epoch 1/1: loss 0.5000, learning rate 0.100, 0.50 s", LoggingTrainingListener.line(regression, 1));
        assertEquals("test: loss 0.1032, accuracy 0.9694", LoggingTrainingListener.testLine(new Evaluation(0.10321, 0.96944)));
    }
}
