package org.neuronkit.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;

/** The benchmarked multilayer perceptron in NeuronKit: ReLU hidden layers, softmax + cross-entropy, fp32. */
final class NeuronKitMlp {

    private NeuronKitMlp() {
    }

    /** A network with layer widths {@code sizes}, input first and classes last. */
    static Network build(int[] sizes, long seed) {
        NetworkBuilder builder = Network.builder(sizes[0]).dataType(DataType.FLOAT).seed(seed);
        int last = sizes.length - 1;
        for (int l = 1; l < last; l++) {
            builder.dense(sizes[l], Activations.relu());
        }
        return builder.output(sizes[last], Losses.softmaxCrossEntropy()).build();
    }
}
