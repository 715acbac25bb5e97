package org.neuronkit.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;

class NetworkLifecycleTest {

    private static Network network() {
        return Network.builder(5).seed(2).dense(7, Activations.parse("swish(learn,1.5)")).maxout(4, 2)
                .output(3, Losses.softmaxCrossEntropy()).build();
    }

    @Test
    void aReplicaSharesTheParametersAndFollowsTheirChanges() {
        try (Network network = network(); Network replica = network.replica()) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 5);
            assertArrayEquals(network.output(x).data().asFloat(), replica.output(x).data().asFloat());
            network.parameters().muli(0.5);
            assertArrayEquals(network.output(x).data().asFloat(), replica.output(x).data().asFloat(), "the same buffer, not a copy");
            assertSame(network.parameters(), replica.parameters());
            IllegalStateException train = assertThrows(IllegalStateException.class,
                    () -> replica.computeGradient(x, Nd4j.zeros(DataType.FLOAT, 4, 3)));
            assertTrue(train.getMessage().contains("a replica is for inference only"), train.getMessage());
            replica.close();
            assertArrayEquals(network.output(x).data().asFloat(), network.output(x).data().asFloat(), "closing a replica leaves the source");
        }
    }

    @Test
    void aClosedNetworkNamesItselfWhenUsed() {
        Network network = network();
        network.close();
        network.close();
        java.nio.file.Path file = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "closed-" + System.nanoTime() + ".safetensors");
        for (Runnable use : new Runnable[] {() -> network.output(Nd4j.rand(DataType.FLOAT, 1, 5)), network::parameters,
            network::replica, () -> network.computeGradient(Nd4j.rand(DataType.FLOAT, 1, 5), Nd4j.zeros(DataType.FLOAT, 1, 3)),
            () -> org.neuronkit.io.ModelFile.save(network, null, file)}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
            assertTrue(e.getMessage().startsWith("5-input network [Dense(5 → 7, swish(learn,1.5)), Maxout(")
                    && e.getMessage().endsWith("is closed: its native buffers were released"), e.getMessage());
        }
        assertTrue(!java.nio.file.Files.exists(file), "saving a closed network writes nothing");
    }

    /**
     * A network built without initial values or a gradient buffer (as a model file loads) makes the
     * buffer at its first gradient, and then computes the same gradient as the network it copies.
     */
    @Test
    void anUninitialisedNetworkMakesItsGradientBufferWhenItFirstTrains() {
        Network original = Network.builder(5).seed(2).dense(7, Activations.parse("swish(learn,1.5)")).batchNorm().maxout(4, 2)
                .output(3, Losses.softmaxCrossEntropy()).build();
        NetworkBuilder builder = Network.builder(5);
        original.specs().forEach(builder::add);
        try (Network loaded = builder.buildUninitialized()) {
            assertEquals(0.0, loaded.parameters().amaxNumber().doubleValue(), "no initial values drawn");
            loaded.parameters().assign(original.parameters());
            INDArray x = Nd4j.rand(DataType.FLOAT, 6, 5);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 3);
            y.getColumn(1).assign(1);
            assertEquals(original.computeGradient(x, y), loaded.computeGradient(x, y));
            assertArrayEquals(original.gradients().data().asFloat(), loaded.gradients().data().asFloat());
            assertArrayEquals(original.parameters().data().asFloat(), loaded.parameters().data().asFloat(), "the gradient went to its own buffer");
        }
    }
}
