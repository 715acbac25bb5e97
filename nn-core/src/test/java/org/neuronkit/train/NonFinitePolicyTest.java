package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.NumericalException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Sgd;

/**
 * Each policy on a run that stops without it: features left unnormalised (0 to 100) with a learning
 * rate too large for them, which clipping by norm tames, and a data set with a few rows of
 * float-overflowing features, whose batches SKIP drops.
 */
class NonFinitePolicyTest {
    private static final DataSet DIGITS = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).select(IntStream.range(0, 400).toArray());

    private static Network network() {
        return Network.builder(64).seed(1).dense(16, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).build();
    }

    /** The digits with rows 5, 150 and 333 set to 3·10³⁸ in every feature: z = Wx overflows in those rows. */
    private static DataSet poisoned() {
        DataSet copy = DIGITS.select(IntStream.range(0, DIGITS.size()).toArray());
        INDArray features = copy.features();
        for (int row : new int[] {5, 150, 333}) {
            features.getRow(row).assign(3e38f);
        }
        return copy;
    }

    @Test
    void clippingByNormFinishesARunThatDivergesWithout() {
        DataSet unscaled = DIGITS.select(IntStream.range(0, DIGITS.size()).toArray());
        unscaled.features().muli(100);
        double rate = 0.3;
        NumericalException e = assertThrows(NumericalException.class, () -> new Trainer(new Sgd(rate), 32, 5, 1).fit(network(), unscaled, null));
        assertTrue(e.getMessage().startsWith("training diverged in epoch 1"), e.getMessage());

        TrainingReport report = new Trainer(new Sgd(rate), 32, 5, 1).clipping(GradientClipping.byNorm(1)).fit(network(), unscaled, null);
        assertEquals(5, report.last().epoch());
        assertTrue(Double.isFinite(report.last().trainLoss()) && report.last().trainLoss() < report.epochs().get(0).trainLoss(),
                report.epochs().toString());
    }

    @Test
    void stopKeepsTodaysMessageOnPoisonedRows() {
        Network network = network();
        NumericalException e = assertThrows(NumericalException.class, () -> new Trainer(new Sgd(0.01), 32, 3, 1).fit(network, poisoned(), null));
        assertTrue(e.getMessage().matches("training stopped at epoch 1, step \\d+: the loss is NaN; first non-finite values: .*"
                + "\\. The parameters keep their values from before this step \\(try a smaller learning rate\\)\\."), e.getMessage());
        assertTrue(Network.isFinite(network.parameters()));
    }

    @Test
    void skipDropsThePoisonedBatchesAndCountsThem() {
        TrainingReport report = new Trainer(new Sgd(0.01), 32, 3, 1).onNonFinite(NonFinitePolicy.SKIP).fit(network(), poisoned(), null);
        assertPoisonedBatchesWereSkipped(report);
    }

    /** CLIP with clipping by value: the poisoned batches' loss is NaN, so they are skipped too, and the rest clipped. */
    @Test
    void clipSkipsBatchesWithoutALossAndClipsTheRest() {
        TrainingReport report = new Trainer(new Sgd(0.01), 32, 3, 1).onNonFinite(NonFinitePolicy.CLIP)
                .clipping(GradientClipping.byValue(0.5)).fit(network(), poisoned(), null);
        assertPoisonedBatchesWereSkipped(report);
    }

    /** 3 poisoned rows in 13 batches of 32: 1 to 3 batches skipped each epoch, the others trained on. */
    private static void assertPoisonedBatchesWereSkipped(TrainingReport report) {
        assertEquals(3, report.epochs().size());
        for (EpochResult epoch : report.epochs()) {
            assertTrue(epoch.skippedBatches() >= 1 && epoch.skippedBatches() <= 3, epoch.toString());
            assertTrue(Double.isFinite(epoch.trainLoss()), epoch.toString());
        }
        assertTrue(report.last().trainLoss() < report.epochs().get(0).trainLoss(), report.epochs().toString());
    }

    @Test
    void anEpochWithEveryBatchSkippedStops() {
        DataSet all = DIGITS.select(IntStream.range(0, 64).toArray());
        all.features().assign(3e38f);
        NumericalException e = assertThrows(NumericalException.class,
                () -> new Trainer(new Sgd(0.01), 32, 3, 1).onNonFinite(NonFinitePolicy.SKIP).fit(network(), all, null));
        assertTrue(e.getMessage().startsWith("training stopped in epoch 1: all its 2 batches had a non-finite loss or gradient and were"
                + " skipped (policy skip); largest parameter: layer "), e.getMessage());
    }
}
