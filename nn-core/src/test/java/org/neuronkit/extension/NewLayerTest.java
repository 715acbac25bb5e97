package org.neuronkit.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.DropoutSpec;
import org.neuronkit.layer.LayerKind;
import org.neuronkit.layer.Layers;
import org.neuronkit.layer.OutputSpec;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.testing.Gradients;

/**
 * A layer kind added from outside nn-core's main sources — {@link ScaleLayer}, its {@link ScaleSpec}
 * and the one registry line below — builds, passes the gradient check, saves, loads and resumes
 * training from a checkpoint exactly like an uninterrupted run, with no edit to the network, the
 * builder or the model file code.
 */
class NewLayerTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void register() {
        if (!Layers.REGISTRY.contains("scale")) {
            Layers.REGISTRY.add("scale", "a = x ⊙ s, one learned scale per unit", args -> new LayerKind(ScaleSpec.class, null));
        }
    }

    private static Network network(DataType type) {
        return Network.builder(4).dataType(type).seed(9)
                .dense(6, Activations.tanh())
                .add(new ScaleSpec(0.5))
                .dropout(0.25)
                .output(3, Losses.softmaxCrossEntropy())
                .build();
    }

    private static INDArray[] batch(DataType type) {
        Nd4j.getRandom().setSeed(17);
        INDArray x = Nd4j.rand(type, 10, 4).subi(0.5).muli(4);
        INDArray y = Nd4j.zeros(type, 10, 3);
        for (int r = 0; r < 10; r++) {
            y.putScalar(r, r % 3, 1);
        }
        return new INDArray[] {x, y};
    }

    private static void train(Network network, Optimizer optimizer, INDArray[] batch, int steps) {
        for (int s = 0; s < steps; s++) {
            network.computeGradient(batch[0], batch[1]);
            optimizer.step(network.parameters(), network.gradients());
        }
    }

    @Test
    void gradientOfTheNewLayerMatchesCentralDifferences() {
        Network network = Network.builder(4).dataType(DataType.DOUBLE).seed(9).dense(6, Activations.tanh())
                .add(new ScaleSpec(0.5)).output(3, Losses.softmaxCrossEntropy()).build();
        network.parameters().addi(Nd4j.rand(DataType.DOUBLE, network.parameterCount()).subi(0.5));
        INDArray[] batch = batch(DataType.DOUBLE);
        network.computeGradient(batch[0], batch[1]);
        INDArray analytic = network.gradients().dup();
        INDArray numeric = Gradients.central(network.parameters(), () -> network.risk(batch[0], batch[1]));
        Gradients.assertClose("network with a scale layer", analytic, numeric, 1e-7, 1e-5);
    }

    @Test
    void savesLoadsAndResumesLikeAnUninterruptedRun() {
        INDArray[] batch = batch(DataType.FLOAT);
        Network uninterrupted = network(DataType.FLOAT);
        Adam adam = new Adam(0.05);
        train(uninterrupted, adam, batch, 3);
        Path file = dir.resolve("checkpoint.safetensors");
        Checkpoint.of(uninterrupted, null, adam, 1, 3, uninterrupted.randomState()).save(file);
        train(uninterrupted, adam, batch, 4);

        Checkpoint checkpoint = Checkpoint.load(file);
        Network resumed = checkpoint.network();
        assertInstanceOf(ScaleLayer.class, resumed.layers().get(1));
        assertEquals(List.of(new DenseSpec(6, "tanh"), new ScaleSpec(0.5), new DropoutSpec(0.25, 9 * 1_000_003L + 2),
                new OutputSpec(3, "softmax-cross-entropy")), resumed.specs());
        Adam resumedAdam = new Adam(0.05);
        checkpoint.restoreOptimizer(resumedAdam);
        resumed.restoreRandomState(checkpoint.rngState());
        train(resumed, resumedAdam, batch, 4);
        assertEquals(uninterrupted.parameters(), resumed.parameters());

        Path model = dir.resolve("model.safetensors");
        ModelFile.save(resumed, null, model);
        assertEquals(resumed.output(batch[0]), ModelFile.load(model).network().output(batch[0]));
    }
}
