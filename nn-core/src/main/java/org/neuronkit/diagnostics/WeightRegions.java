package org.neuronkit.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.layer.Layer;
import org.neuronkit.network.Network;

/**
 * Each layer's weights inside one of a network's flat buffers ({@link Network#parameters()} or
 * {@link Network#gradients()}): the buffers start with every layer's weights in layer order, so layer
 * l's weights are the {@link Layer#weightCount()} entries after those of layers 1 … l − 1.
 */
final class WeightRegions {
    private WeightRegions() {
    }

    /** Offset of layer {@code index}'s (0-based) first weight in the flat buffers. */
    static long offset(Network network, int index) {
        long offset = 0;
        for (int l = 0; l < index; l++) {
            offset += network.layers().get(l).weightCount();
        }
        return offset;
    }

    /** Number of weights in all layers: the length of the weight region. */
    static long total(Network network) {
        return offset(network, network.layers().size());
    }

    /** One 1-D view per layer into {@code flat} (or into a copy of its weight region). */
    static List<INDArray> views(Network network, INDArray flat) {
        List<INDArray> views = new ArrayList<>();
        long offset = 0;
        for (Layer layer : network.layers()) {
            views.add(flat.get(NDArrayIndex.interval(offset, offset + layer.weightCount())));
            offset += layer.weightCount();
        }
        return views;
    }

    /** The weight region of {@code flat}, a 1-D view. */
    static INDArray region(Network network, INDArray flat) {
        return flat.get(NDArrayIndex.interval(0, total(network)));
    }
}
