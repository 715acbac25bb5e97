package org.neuronkit.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;

class LayersTest {

    @Test
    void hiddenKindsAreActivationsForDenseLayersOrLayerNames() {
        assertEquals(new DenseSpec(8, "relu"), Layers.hidden("ReLU", 8));
        assertEquals(new DenseSpec(8, "swish(learn,1.5)"), Layers.hidden("swish(learn,1.5)", 8));
        assertEquals(new DenseSpec(8, "tanh"), Layers.hidden("dense(tanh)", 8));
        assertEquals(new MaxoutSpec(8, 3), Layers.hidden("maxout(3)", 8));
        assertEquals(new MaxoutSpec(8, 2), Layers.hidden("maxout", 8));
        assertEquals("layer 'dropout' is not a hidden layer of given width",
                assertThrows(ConfigurationException.class, () -> Layers.hidden("dropout", 8)).getMessage());
        assertTrue(assertThrows(ConfigurationException.class, () -> Layers.hidden("relux", 8)).getMessage()
                .startsWith("unknown activation 'relux'; known: "));
        assertEquals("maxout pieces must be in 1..4096, got 0",
                assertThrows(ConfigurationException.class, () -> Layers.hidden("maxout(0)", 8)).getMessage());
        List<String> kinds = StreamSupport.stream(new Layers.HiddenKinds().spliterator(), false).toList();
        assertTrue(kinds.contains("maxout(pieces)") && kinds.contains("identity") && !kinds.contains("softmax")
                && !kinds.contains("dropout"), kinds.toString());
    }

    /** A network's specs rebuild a network of the same structure, seeds of dropout included. */
    @Test
    void specsRebuildTheSameNetwork() {
        Network network = Network.builder(5).seed(4).dense(6, Activations.elu(0.5)).dropout(0.1).maxout(4, 3)
                .output(2, Losses.logisticCrossEntropy()).build();
        List<LayerSpec> specs = network.specs();
        assertEquals(List.of(new DenseSpec(6, "elu(0.5)"), new DropoutSpec(0.1, 4 * 1_000_003L + 1), new MaxoutSpec(4, 3),
                new OutputSpec(2, "logistic-cross-entropy")), specs);
        var builder = Network.builder(5);
        specs.forEach(builder::add);
        Network rebuilt = builder.build();
        assertEquals(network.toString(), rebuilt.toString());
        assertEquals(specs, rebuilt.specs());
    }

    /** A softmax output of one unit is always 1 and learns nothing: refused by name, while a logistic one unit and a softmax of two build. */
    @Test
    void aSoftmaxOutputOfOneUnitIsRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> Network.builder(4).dense(3, Activations.relu()).output(1, Losses.softmaxCrossEntropy()));
        assertEquals("an output layer of 1 unit with softmax-cross-entropy: a softmax over one output is always 1 and learns nothing;"
                + " for two classes give logistic-cross-entropy with 1 output, or softmax-cross-entropy with 2", e.getMessage());
        Network.builder(4).output(1, Losses.logisticCrossEntropy()).build().close();
        Network.builder(4).output(2, Losses.softmaxCrossEntropy()).build().close();
    }
}
