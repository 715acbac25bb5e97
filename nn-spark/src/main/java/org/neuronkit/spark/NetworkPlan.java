package org.neuronkit.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.neuronkit.layer.Layer;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.OutputSpec;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;

/**
 * What an executor needs to build the network being trained: the input width, the hidden layers as
 * {@link LayerList} JSON, the output layer's {@link OutputSpec} (units and loss spec, class weights
 * included), λ (L2), λ₁ (L1) and the seed. A few bytes, serialised into every task; the parameters
 * travel separately as one flat float vector. The network is exactly the one the specs describe:
 * {@link NetworkBuilder#add} builds each of them.
 */
record NetworkPlan(int inputs, String hiddenLayers, int outputs, String loss, double l2, double l1, long seed)
        implements Serializable {
    /** The parsed specs of each layers JSON this JVM has built from: every round of every task builds a network. */
    private static final Map<String, List<LayerSpec>> PARSED = new ConcurrentHashMap<>();

    /** The network with freshly initialised weights and dropout masks seeded from {@link #seed()}. */
    Network build() {
        return build(seed);
    }

    /**
     * The network built from the specs with network seed {@code networkSeed}: a partition passes its
     * own, so that its dropout layers (those whose spec leaves the seed to the network) draw their own
     * masks; its weights are overwritten by the broadcast parameters anyway.
     */
    Network build(long networkSeed) {
        return builder().seed(networkSeed).build();
    }

    /** The layers added to a builder of {@link #inputs()} inputs, not yet allocated: checks every spec. */
    NetworkBuilder builder() {
        NetworkBuilder builder = Network.builder(inputs).l2(l2).l1(l1);
        PARSED.computeIfAbsent(hiddenLayers, LayerList::parse).forEach(builder::add);
        return builder.add(new OutputSpec(outputs, loss));
    }

    /** The number of weights (the region L2, L1 and AdamW's decay act on) of the network. */
    static long weightCount(Network network) {
        return network.layers().stream().mapToLong(Layer::weightCount).sum();
    }

    @Override
    public String toString() {
        return "network(" + inputs + " inputs → " + hiddenLayers + " → output " + outputs + " " + loss + ", λ " + l2
                + ", λ₁ " + l1 + ", seed " + seed + ")";
    }
}
