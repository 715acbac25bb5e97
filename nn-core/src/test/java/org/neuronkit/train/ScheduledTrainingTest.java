package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.ScheduleUnit;
import org.neuronkit.optim.Sgd;

/** The rate the trainer gives the optimizer at each step, against the schedule's written formula. */
class ScheduledTrainingTest {
    private static final DataSet DATA = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).select(IntStream.range(0, 100).toArray());
    private static final int BATCHES = 4; // ⌈100 / 32⌉
    private static final double BASE = 0.1;

    private static List<Double> ratesAtEachStep(Trainer trainer) {
        List<Double> rates = new ArrayList<>();
        Optimizer optimizer = trainer.optimizer();
        trainer.addListener(new TrainingListener() {
            @Override
            public void beforeUpdate(int epoch, int step) {
                rates.add(optimizer.learningRate());
            }
        });
        Network network = Network.builder(64).seed(1).dense(8, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).build();
        trainer.fit(network, DATA, null);
        return rates;
    }

    /** Per step with 1 epoch of warm-up: α_t = α₀ t / 4 for t ≤ 4, then a cosine over the remaining 8 steps. */
    @Test
    void perStepCosineAfterAWarmupEpoch() {
        List<Double> rates = ratesAtEachStep(new Trainer(new Sgd(BASE), 32, 3, 1).schedule(LearningRateSchedule.cosine())
                .scheduleUnit(ScheduleUnit.STEP).warmup(1));
        assertEquals(3 * BATCHES, rates.size());
        for (int t = 1; t <= 3 * BATCHES; t++) {
            double expected = t <= BATCHES ? BASE * t / BATCHES : BASE * 0.5 * (1 + Math.cos(Math.PI * (t - BATCHES - 1) / (2 * BATCHES)));
            assertEquals(expected, rates.get(t - 1), 1e-15, "step " + t);
        }
    }

    /** Per epoch with 2 epochs of warm-up: α₀/2, α₀, then the constant α₀; the same rate through each epoch. */
    @Test
    void perEpochWarmup() {
        List<Double> rates = ratesAtEachStep(new Trainer(new Sgd(BASE), 32, 4, 1).warmup(2));
        double[] perEpoch = {BASE / 2, BASE, BASE, BASE};
        for (int t = 0; t < rates.size(); t++) {
            assertEquals(perEpoch[t / BATCHES], rates.get(t), 1e-15, "step " + (t + 1));
        }
    }

    @Test
    void aWarmupAsLongAsTheRunIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new Trainer(new Sgd(BASE), 32, 3, 1).warmup(3));
        assertEquals("the warm-up must be between 0 and 2 epochs (fewer than the run's 3), got 3", e.getMessage());
    }
}
