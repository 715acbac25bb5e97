package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.neuronkit.ModelFileException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.AdamSpec;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.ScheduleUnit;

/**
 * A checkpoint written by format version 2 before optimizers stored their record (committed as
 * {@code fixtures/checkpoint-v2.safetensors}): the run below stopped after epoch 2 of 4, its optimizer
 * stored as the string {@code adam(lr=…)} holding the scheduled rate of its last step. It still loads,
 * and resumed with the run's settings it ends with the weights of the same run trained straight through.
 */
class CheckpointFormat2Test {
    /** The digits scaled to [0, 1], as the bundled set gave them when the fixture was written. */
    private static final DataSet.Split DIGITS = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).split(0.3, 5);

    /** The fixture's network before training: 64 → dense(16, relu) → dropout(0.25) → softmax(10). */
    private static Network network() {
        return Network.builder(64).dense(16, Activations.relu()).dropout(0.25).output(10, Losses.softmaxCrossEntropy())
                .l2(1e-4).seed(3).build();
    }

    /** The fixture's run: Adam, cosine per step after a 1-epoch warm-up, 4 epochs of batches of 32, seed 11. */
    private static Trainer trainer(Adam adam) {
        return new Trainer(adam, 32, 4, 11).schedule(LearningRateSchedule.cosine()).scheduleUnit(ScheduleUnit.STEP).warmup(1);
    }

    static Path fixture() throws URISyntaxException {
        return Path.of(CheckpointFormat2Test.class.getResource("/fixtures/checkpoint-v2.safetensors").toURI());
    }

    @Test
    void resumesToTheWeightsOfTheStraightRun() throws Exception {
        Network straight = network();
        trainer(new Adam(0.01)).fit(straight, DIGITS.train(), DIGITS.test());

        Checkpoint checkpoint = Checkpoint.load(fixture());
        assertEquals(2, checkpoint.epoch());
        assertEquals(34, checkpoint.step());
        // the string's lr is the last step's scheduled rate: α₀ · ½(1 + cos(π (t − 1) / 51)) at t = 34 − 17 after a 17-step warm-up
        assertEquals(new AdamSpec(0.01 * 0.5 * (1 + Math.cos(Math.PI * 16 / 51)), 0.9, 0.999, 1e-8), checkpoint.optimizer());
        assertNull(checkpoint.schedule());
        assertEquals("checkpoint " + fixture() + " holds no learning-rate schedule (it was written before optimizers stored one): build"
                + " the optimizer from the run's settings and restore its state into it",
                assertThrows(ModelFileException.class, checkpoint::restoreOptimizer).getMessage());
        Adam adam = new Adam(0.01);
        checkpoint.restoreOptimizer(adam);
        Network resumed = checkpoint.network();
        resumed.restoreRandomState(checkpoint.rngState());
        trainer(adam).startAt(3).fit(resumed, DIGITS.train(), DIGITS.test());

        assertArrayEquals(straight.parameters().toFloatVector(), resumed.parameters().toFloatVector(), 1e-6f);
    }
}
