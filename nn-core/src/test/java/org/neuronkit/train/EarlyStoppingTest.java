package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizers;

/** {@link EarlyStopping} on scripted metric sequences, and restore-best in a real {@link Trainer#fit}. */
class EarlyStoppingTest {
    private static final DataSet.Split DIGITS = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.3, 5);

    /** An epoch whose validation set measured {@code loss} and macro-F1 {@code f1}. */
    private static EpochResult epoch(int e, double loss, double f1) {
        return new EpochResult(e, 1, 0.5, loss, 0.5, 0.1, 1, 1, 0, new Evaluation(loss, 0.5, f1, Double.NaN, Double.NaN, Double.NaN));
    }

    /** The epoch after which {@code stopping} asks to stop on {@code values} of its metric (0: never). */
    private static int stopEpoch(EarlyStopping stopping, double[] values, boolean f1) {
        Network network = Network.builder(2).output(2, Losses.softmaxCrossEntropy()).build();
        for (int e = 1; e <= values.length; e++) {
            if (stopping.update(f1 ? epoch(e, 1, values[e - 1]) : epoch(e, values[e - 1], 0.5), network)) {
                return e;
            }
        }
        return 0;
    }

    @Test
    void lossWithAMinDeltaStopsPatienceEpochsAfterTheLastRealImprovement() {
        // e1 best; e2 0.8 < 1.0 − 0.01: best; e3 0.795, e4 0.792, e5 0.791 are not below 0.8 − 0.01: 3 epochs without, stop after e5
        EarlyStopping stopping = new EarlyStopping(Metric.VALIDATION_LOSS, 3, 0.01, true);
        assertEquals(5, stopEpoch(stopping, new double[] {1.0, 0.8, 0.795, 0.792, 0.791, 0.5}, false));
        assertEquals(2, stopping.bestEpoch());
        assertEquals(0.8, stopping.best());
        // without the min-delta e3, e4, e5 each improve and it runs on
        assertEquals(0, stopEpoch(new EarlyStopping(Metric.VALIDATION_LOSS, 3, 0, true), new double[] {1.0, 0.8, 0.795, 0.792, 0.791, 0.5}, false));
    }

    @Test
    void f1IsMaximised() {
        // e1 best; e2 best; e3 ties (no improvement); e4 0.61 best; e5, e6 worse: patience 2 stops after e6
        EarlyStopping stopping = new EarlyStopping(Metric.parse("validation-f1"), 2, 0, false);
        assertEquals(6, stopEpoch(stopping, new double[] {0.5, 0.6, 0.6, 0.61, 0.55, 0.6, 0.9}, true));
        assertEquals(4, stopping.bestEpoch());
    }

    @Test
    void patienceZeroNeverStopsAndANaNNeverImproves() {
        EarlyStopping stopping = new EarlyStopping(Metric.VALIDATION_LOSS, 0, 0, true);
        assertEquals(0, stopEpoch(stopping, new double[] {0.5, Double.NaN, 0.7, 0.8, 0.9, 1.0}, false));
        assertEquals(1, stopping.bestEpoch());
    }

    @Test
    void restoreBestEndsWithExactlyTheBestEpochsParameters() {
        DataSet noise = TrainerResumeTest.shuffledLabels(DIGITS.test());
        for (boolean restore : new boolean[] {true, false}) {
            Network network = Network.builder(64).dense(24, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).seed(3).build();
            List<float[]> snapshots = new ArrayList<>();
            EarlyStopping stopping = new EarlyStopping(Metric.parse("val_accuracy"), 2, 0, restore);
            TrainingReport report = new Trainer(Optimizers.byName("adam", 0.01), 16, 30, 11).earlyStopping(stopping)
                    .addListener(new TrainingListener() {
                        @Override
                        public void onEpoch(EpochResult result) {
                            snapshots.add(network.parameters().toFloatVector());
                        }
                    }).fit(network, DIGITS.train(), noise);
            int best = 1;
            for (EpochResult r : report.epochs()) {
                best = r.validationAccuracy() > report.epochs().get(best - 1).validationAccuracy() ? r.epoch() : best;
            }
            int last = report.last().epoch();
            assertEquals(best, stopping.bestEpoch());
            assertEquals(best + 2, last, "stopped two epochs after the most accurate one");
            assertNotEquals(best, last);
            assertArrayEquals(snapshots.get((restore ? best : last) - 1), network.parameters().toFloatVector(), 0f,
                    restore ? "the best epoch's parameters" : "the last epoch's parameters");
        }
    }

    @Test
    void refusesAMetricTheRunCannotMeasure() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new Trainer(Optimizers.byName("adam", 0.01), 16, 3, 1)
                .earlyStopping(new EarlyStopping(Metric.parse("validation-rmse"), 2, 0, true))
                .fit(Network.builder(64).output(10, Losses.softmaxCrossEntropy()).build(), DIGITS.train(), DIGITS.test()));
        assertEquals("early stopping watches validation-rmse, which a classifier does not measure (it is for regression)", e.getMessage());
        assertTrue(assertThrows(ConfigurationException.class, () -> new EarlyStopping(Metric.VALIDATION_LOSS, 1, -0.1, true))
                .getMessage().contains("min-delta"));
    }
}
