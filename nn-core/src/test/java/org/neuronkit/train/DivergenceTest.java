package org.neuronkit.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.neuronkit.NumericalException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizers;

/** Every optimizer at an absurd learning rate stops with a {@link NumericalException} that names a layer. */
class DivergenceTest {
    private static final DataSet DIGITS = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).select(java.util.stream.IntStream.range(0, 400).toArray());

    private static Network network() {
        return Network.builder(64).seed(1).dense(16, Activations.relu()).output(10, Losses.softmaxCrossEntropy()).build();
    }

    /** Adam's steps are bounded by its rate, so at 10⁶ the loss grows to ~10¹² and never becomes NaN: the epoch check stops it. */
    @Test
    void adamAtAMillionStopsAfterTheFirstEpoch() {
        Network network = network();
        NumericalException e = assertThrows(NumericalException.class,
                () -> new Trainer(Optimizers.byName("adam", 1e6), 32, 5, 1).fit(network, DIGITS, null));
        assertTrue(e.getMessage().matches("training diverged in epoch 1: the mean training loss \\S+ is more than 1000 times the"
                + " starting loss 2\\.\\d+ \\(plus 1\\); largest parameter: layer \\d, Dense\\(.*\\): \\|\\w+\\| = .*"
                + " Try a smaller learning rate\\."), e.getMessage());
    }

    @Test
    void everyOptimizerReportsDivergenceWithALayer() {
        for (String name : new String[] {"sgd", "momentum", "adam"}) {
            for (double rate : new double[] {1e6, 1e30}) {
                Network network = network();
                NumericalException e = assertThrows(NumericalException.class,
                        () -> new Trainer(Optimizers.byName(name, rate), 32, 3, 1).fit(network, DIGITS, null), name + " at " + rate);
                assertTrue(e.getMessage().matches("training (diverged in|stopped at) epoch \\d.*layer \\d, .*"), name + ": " + e.getMessage());
            }
        }
    }

    @Test
    void aSoundRunIsNotStopped() {
        TrainingReport report = new Trainer(Optimizers.byName("adam", 0.01), 32, 3, 1).fit(network(), DIGITS, null);
        assertEquals(3, report.last().epoch());
        assertEquals(List.of(), report.warnings());
    }

    /** Adam at a learning rate of 3 stays finite and far below a thousandfold, but its first epoch is far above where it started (it used to pass as a success). */
    @Test
    void aRunThatGetsWorseThanItStartedStopsUnderStop() {
        NumericalException e = assertThrows(NumericalException.class,
                () -> new Trainer(Optimizers.byName("adam", 3), 32, 4, 1).onDiverge(DivergencePolicy.STOP).fit(network(), DIGITS, null));
        assertTrue(e.getMessage().matches("training diverged in epoch 1: the mean training loss \\S+ is more than 25 % above the starting loss 2\\.\\d+,"
                + " the untrained network's; largest parameter: layer \\d, .*"), e.getMessage());
    }

    @Test
    void byDefaultItTrainsOnAndTheReportSaysSo() {
        TrainingReport report = new Trainer(Optimizers.byName("adam", 10), 32, 4, 1).fit(network(), DIGITS, null);
        assertEquals(4, report.last().epoch());
        assertTrue(report.last().trainLoss() > Divergence.ABOVE_START * Math.log(10), "the run got worse than the untrained ln 10: " + report.last());
        assertEquals(1, report.warnings().size());
        assertTrue(report.warnings().get(0).matches("the run ended worse than it started: the last epoch's mean training loss \\S+ is"
                + " more than 25 % above the starting loss 2\\.\\d+"), report.warnings().get(0));
    }
}
