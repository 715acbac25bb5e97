package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.PlateauSchedule;

/**
 * A plateau schedule in {@link Trainer#fit}: on digits with a validation set whose labels are shuffled, the
 * validation loss soon stops falling, and the rate halves where the rule, recomputed here from the reported
 * validation losses, says; a run checkpointed between reductions resumes with the same rates and weights;
 * the reference device takes each epoch's rate from the host.
 */
class PlateauTrainingTest {
    private static final DataSet.Split DIGITS = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.3, 5);
    private static final DataSet NOISE = TrainerResumeTest.shuffledLabels(DIGITS.test());
    private static final String PLATEAU = "plateau(factor=0.5,patience=1)";
    private static final double LR = 0.01;
    private static final int EPOCHS = 10;

    private static Network network() {
        return Network.builder(64).dense(24, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).seed(3).build();
    }

    private static Trainer trainer(Optimizer optimizer) {
        return new Trainer(optimizer, 16, EPOCHS, 11).schedule(LearningRateSchedule.parse(PLATEAU));
    }

    /** The rate of each epoch by PyTorch's rule (min mode, rel threshold 1e-4, patience 1, no cooldown) from the validation losses. */
    private static List<Double> expectedRates(List<EpochResult> epochs) {
        List<Double> rates = new ArrayList<>();
        double rate = LR;
        double best = Double.POSITIVE_INFINITY;
        int bad = 0;
        for (EpochResult r : epochs) {
            rates.add(rate);
            if (r.validationLoss() < best * (1 - 1e-4)) {
                best = r.validationLoss();
                bad = 0;
            } else if (++bad > 1) {
                rate *= 0.5;
                bad = 0;
            }
        }
        return rates;
    }

    private static List<Double> rates(TrainingReport report) {
        return report.epochs().stream().map(EpochResult::learningRate).toList();
    }

    @Test
    void theRateDropsWhereTheRuleSays() {
        TrainingReport report = trainer(Optimizers.byName("adam", LR)).fit(network(), DIGITS.train(), NOISE);
        assertEquals(expectedRates(report.epochs()), rates(report));
        assertTrue(report.last().learningRate() <= LR / 4, "at least two reductions in " + rates(report));
    }

    @Test
    void aResumedRunKeepsTheReducedRateAndTheCounters(@TempDir Path dir) {
        Network straight = network();
        TrainingReport all = trainer(Optimizers.byName("adam", LR)).fit(straight, DIGITS.train(), NOISE);

        Network first = network();
        Optimizer optimizer = Optimizers.byName("adam", LR);
        Path file = dir.resolve("checkpoint.safetensors");
        int stop = 6;
        trainer(optimizer).stopAfter(stop).addListener(new CheckpointWriter(first, null, optimizer, file, 100)).fit(first, DIGITS.train(), NOISE);
        Checkpoint checkpoint = Checkpoint.load(file);
        PlateauSchedule saved = (PlateauSchedule) checkpoint.schedule().schedule();
        assertEquals(stop, saved.progress().epochs());
        assertTrue(saved.progress().reductions() > 0, "reduced before the checkpoint: " + saved.progress());

        Network resumed = checkpoint.network();
        TrainingReport rest = new Trainer(checkpoint.restoreOptimizer(), 16, EPOCHS, 11).startAt(stop + 1).fit(resumed, DIGITS.train(), NOISE);
        assertEquals(rates(all).subList(stop, EPOCHS), rates(rest));
        assertArrayEquals(straight.parameters().toFloatVector(), resumed.parameters().toFloatVector(), 0f, "bit-identical weights");
    }

    @Test
    void theDeviceTrainsWithTheHostsReducedRates() {
        Network cpu = network();
        TrainingReport cpuReport = trainer(Optimizers.byName("adam", LR)).fit(cpu, DIGITS.train(), NOISE);
        Network device = network();
        TrainingReport deviceReport = trainer(Optimizers.byName("adam", LR)).device(new CpuStepsDevice()).fit(device, DIGITS.train(), NOISE);
        assertEquals(rates(cpuReport), rates(deviceReport));
        assertEquals(cpu.parameters(), device.parameters());
    }

    @Test
    void aMonitorTheRunDoesNotMeasureIsRefusedBeforeAnyWork() {
        Network network = network();
        float[] before = network.parameters().toFloatVector();
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new Trainer(Optimizers.byName("adam", LR), 16, 3, 1).schedule(LearningRateSchedule.parse("plateau(monitor=validation-r2)"))
                        .fit(network, DIGITS.train(), NOISE));
        assertEquals("the learning-rate schedule " + LearningRateSchedule.parse("plateau(monitor=validation-r2)").spec()
                + " watches validation-r2, which a classifier does not measure (it is for regression)", e.getMessage());
        assertThrows(ConfigurationException.class,
                () -> trainer(Optimizers.byName("adam", LR)).fit(network, DIGITS.train(), null), "validation-loss without a validation set");
        assertArrayEquals(before, network.parameters().toFloatVector(), 0f);
    }
}
