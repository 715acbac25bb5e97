package org.neuronkit.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.testing.Gradients;

class DropoutTest {

    @Test
    void trainingScalesKeptUnitsAndDropsAboutTheRate() {
        Dropout dropout = new Dropout(100, 0.3, 5L);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 200, 100).addi(1);
        INDArray a = dropout.forwardTraining(x).dup();
        INDArray ratio = a.div(x);
        long dropped = ratio.eq(0).castTo(DataType.INT32).sumNumber().longValue();
        // every entry is either 0 or x / (1 − p)
        INDArray keptRatio = ratio.eq(0).castTo(DataType.DOUBLE).mul(1 / 0.7).add(ratio);
        assertEquals(0, keptRatio.sub(1 / 0.7).amaxNumber().doubleValue(), 1e-12);
        // 20,000 Bernoulli(0.3) draws: the dropped share is within 4 standard deviations (0.013) of 0.3
        assertEquals(0.3, dropped / 20_000.0, 0.013);
        assertSame(x, dropout.forward(x), "inference is the identity");
    }

    @Test
    void theMaskOfAPassDependsOnlyOnTheSeedAndThePassNumber() {
        INDArray x = Nd4j.ones(DataType.FLOAT, 8, 50);
        Dropout one = new Dropout(50, 0.5, 9L);
        INDArray first = one.forwardTraining(x).dup();
        INDArray second = one.forwardTraining(x).dup();
        assertNotEquals(first, second, "a fresh mask each pass");
        Dropout other = new Dropout(50, 0.5, 9L);
        other.restoreRandomState(new long[] {1});
        assertEquals(second, other.forwardTraining(x).dup(), "pass 1 again after restoring the counter");
        assertEquals(2, other.randomState()[0]);
    }

    @Test
    void backpropMatchesCentralDifferencesWithAFixedMask() {
        Network network = Network.builder(5).dataType(DataType.DOUBLE).seed(3).l2(0.01)
                .dense(7, Activations.tanh()).dropout(0.4).dense(6, Activations.elu(1.0)).dropout(0.25)
                .output(3, Losses.softmaxCrossEntropy()).build();
        network.parameters().addi(Nd4j.randn(DataType.DOUBLE, network.parameterCount()).muli(0.3));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 9, 5).subi(0.5).muli(4);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 9, 3);
        Random random = new Random(2);
        for (int i = 0; i < 9; i++) {
            y.putScalar(i, random.nextInt(3), 1.0);
        }
        long[] state = network.randomState();
        network.computeGradient(x, y);
        INDArray analytic = network.gradients().dup();
        // every evaluation replays the same pass number, so the same masks
        INDArray numeric = Gradients.central(network.parameters(), () -> {
            network.restoreRandomState(state);
            return network.computeGradient(x, y);
        });
        Gradients.assertClose("dense → dropout → dense → dropout → softmax", analytic, numeric, 1e-6, 1e-4);
        network.restoreRandomState(state);
        assertTrue(Math.abs(network.computeGradient(x, y) - network.risk(x, y)) > 1e-6, "training risk differs from inference risk");
    }

    @Test
    void modelFilesKeepRateAndSeedAndInferenceIgnoresDropout(@TempDir Path dir) {
        Network network = Network.builder(4).seed(12).dense(6, Activations.relu()).dropout(0.2).output(2, Losses.softmaxCrossEntropy()).build();
        Path file = dir.resolve("m.safetensors");
        ModelFile.save(network, null, file);
        Network loaded = ModelFile.load(file).network();
        Dropout saved = (Dropout) network.layers().get(1);
        Dropout restored = (Dropout) loaded.layers().get(1);
        assertEquals(0.2, restored.rate());
        assertEquals(saved.seed(), restored.seed());
        Network plain = Network.builder(4).dense(6, Activations.relu()).output(2, Losses.softmaxCrossEntropy()).build();
        plain.parameters().assign(network.parameters());
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 4);
        assertEquals(plain.output(x), loaded.output(x));
    }

    @Test
    void rateMustBeBelowOne() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new Dropout(3, 1.0, 1L));
        assertEquals("the dropout rate must be in [0, 1), got 1.0", e.getMessage());
    }
}
