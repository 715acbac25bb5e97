package org.neuronkit.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;

/** Layer sizes whose weight counts overflow, or whose parameters exceed the allocation limit, fail in the builder. */
class NetworkSizeTest {
    @Test
    void aLayerTooLargeForOneArrayIsNamedBeforeAllocating() {
        long before = Runtime.getRuntime().totalMemory();
        NetworkBuilder builder = Network.builder(784).dense(100_000, Activations.relu());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> builder.dense(100_000, Activations.relu()));
        assertEquals("layer 2, DenseSpec[units=100000, activation=relu]: 100000 inputs need 10,000,000,000 weights, more than"
                + " the 2,147,483,639 one layer can hold", e.getMessage());
        assertTrue(Runtime.getRuntime().totalMemory() - before < 1L << 30);

        ConfigurationException maxout = assertThrows(ConfigurationException.class,
                () -> Network.builder(1000).maxout(1000, 3000));
        assertEquals("layer 1, MaxoutSpec[units=1000, pieces=3000]: 1000 inputs need 3,000,000,000 weights, more than the"
                + " 2,147,483,639 one layer can hold", maxout.getMessage());
    }

    @Test
    void parametersBeyondTheAllocationLimitAreRefusedByBuild() {
        long parameters = 784L * 40_000 + 40_000L * 20_000 + 20_000L * 10 + 40_000 + 20_000 + 10;
        assertEquals(831_620_010, parameters);
        NetworkBuilder builder = Network.builder(784).dense(40_000, Activations.relu()).dense(20_000, Activations.relu())
                .output(10, Losses.softmaxCrossEntropy());
        ConfigurationException e = assertThrows(ConfigurationException.class, builder::build);
        assertEquals("the network's 831,620,010 parameters and their gradients: " + String.format(java.util.Locale.ROOT, "%,d", 8 * parameters)
                + " bytes requested, more than the"
                + " allocation limit of 2,147,483,648 bytes (set the system property neuronkit.maxAllocationBytes to raise it)",
                e.getMessage());
    }
}
