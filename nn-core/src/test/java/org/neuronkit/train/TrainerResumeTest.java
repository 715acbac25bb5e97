package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.ScheduleUnit;

class TrainerResumeTest {
    private static final DataSet.Split DIGITS = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.3, 5);

    private static Network network() {
        return Network.builder(64).dense(24, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).l2(1e-4).seed(3).build();
    }

    private static Network networkWithDropout() {
        return Network.builder(64).dense(24, Activations.relu()).dropout(0.3).output(10, Losses.softmaxCrossEntropy()).seed(3).build();
    }

    /** A cosine schedule after one epoch of warm-up, asked per epoch or per step. */
    private static Trainer trainer(Optimizer optimizer, ScheduleUnit unit) {
        return new Trainer(optimizer, 16, 4, 11).schedule(LearningRateSchedule.cosine()).scheduleUnit(unit).warmup(1);
    }

    /**
     * Each optimizer's record, schedule and state (and the dropout masks' counters) go through the
     * checkpoint file: the resumed run is given only what the checkpoint holds (no schedule, no rate).
     */
    @ParameterizedTest(name = "{0}, dropout: {1}, schedule per {2}")
    @CsvSource({"adam, false, EPOCH", "adam, true, EPOCH", "nesterov, false, STEP", "rmsprop, true, STEP", "adagrad, false, EPOCH",
        "adamw, false, STEP"})
    void twoEpochsCheckpointedAndResumedEqualFourStraight(String optimizer, boolean dropout, ScheduleUnit unit, @TempDir Path dir) {
        java.util.function.Supplier<Network> network = dropout ? TrainerResumeTest::networkWithDropout : TrainerResumeTest::network;
        Network straight = network.get();
        List<Double> straightRates = new ArrayList<>();
        trainer(Optimizers.byName(optimizer, 0.01), unit).addListener(rates(straightRates)).fit(straight, DIGITS.train(), DIGITS.test());

        Network first = network.get();
        Optimizer firstOptimizer = Optimizers.byName(optimizer, 0.01);
        Normalizer storedOnly = Normalizer.minMaxGlobal().fit(DIGITS.train().features());
        Path file = dir.resolve("checkpoint.safetensors");
        TrainingReport part = trainer(firstOptimizer, unit).stopAfter(2)
                .addListener(new CheckpointWriter(first, storedOnly, firstOptimizer, file, 5)).fit(first, DIGITS.train(), DIGITS.test());
        assertEquals(2, part.last().epoch());

        Checkpoint checkpoint = Checkpoint.load(file);
        assertEquals(2, checkpoint.epoch());
        assertEquals(2L * ((DIGITS.train().size() + 15) / 16), checkpoint.step());
        assertEquals(firstOptimizer.spec(), checkpoint.optimizer());
        assertEquals(firstOptimizer.schedule(), checkpoint.schedule());
        Optimizer resumedOptimizer = checkpoint.restoreOptimizer();
        Network resumed = checkpoint.network();
        resumed.restoreRandomState(checkpoint.rngState());
        assertEquals(dropout ? 1 : 0, checkpoint.rngState().length);
        List<Double> resumedRates = new ArrayList<>();
        TrainingReport rest = new Trainer(resumedOptimizer, 16, 4, 11).startAt(3).addListener(rates(resumedRates))
                .fit(resumed, DIGITS.train(), DIGITS.test());

        assertEquals(List.of(3, 4), rest.epochs().stream().map(EpochResult::epoch).toList());
        assertEquals(straightRates.subList(2, 4), resumedRates);
        assertArrayEquals(straight.parameters().toFloatVector(), resumed.parameters().toFloatVector(), 0f,
                "bit-identical weights after resuming");
        assertNotEquals(0, straight.parameters().sub(first.parameters()).norm2Number().doubleValue(), "epochs 3-4 changed the weights");
    }

    @Test
    void earlyStoppingKeepsTheBestEpochsWeights() {
        DataSet noise = shuffledLabels(DIGITS.test());
        Network network = network();
        List<INDArray> snapshots = new ArrayList<>();
        EarlyStopping stopping = new EarlyStopping(2);
        TrainingReport report = new Trainer(new Adam(0.01), 16, 30, 11).earlyStopping(stopping)
                .addListener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult result) {
                        snapshots.add(network.parameters().dup());
                    }
                })
                .fit(network, DIGITS.train(), noise);

        int best = 1;
        for (EpochResult r : report.epochs()) {
            if (r.validationLoss() < report.epochs().get(best - 1).validationLoss()) {
                best = r.epoch();
            }
        }
        assertEquals(best, stopping.bestEpoch());
        assertEquals(best + 2, report.last().epoch(), "stopped two epochs after the best");
        assertFalse(report.last().epoch() == 30, "stopped before the last epoch");
        assertEquals(snapshots.get(best - 1), network.parameters(), "the best epoch's weights are back");
    }

    @Test
    void earlyStoppingWithoutValidationIsAConfigurationError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> new Trainer(new Adam(0.01), 16, 3, 1).earlyStopping(new EarlyStopping(2)).fit(network(), DIGITS.train(), null));
        assertEquals("early stopping watches validation-loss, which needs a validation set", e.getMessage());
    }

    /** {@code data} with its labels shuffled: as a validation set, its loss soon rises while the training loss falls. */
    static DataSet shuffledLabels(DataSet data) {
        int[] labels = data.labels();
        Random random = new Random(1);
        for (int i = labels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = labels[i];
            labels[i] = labels[j];
            labels[j] = t;
        }
        return DataSet.ofClasses(data.features(), labels, 10);
    }

    private static TrainingListener rates(List<Double> into) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochResult result) {
                into.add(result.learningRate());
            }
        };
    }
}
