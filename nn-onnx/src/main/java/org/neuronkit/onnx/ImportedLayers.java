package org.neuronkit.onnx;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.layer.Dense;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;

/**
 * The layers an ONNX import has read so far, each an affine map z = W x + b (W out × in, as NeuronKit
 * stores it) and the activation after it, and the {@link Network} they make: every layer but the last
 * a dense layer (identity where the graph has no activation), the last the output layer with the
 * loss its activation implies.
 */
final class ImportedLayers {
    private final List<Affine> layers = new ArrayList<>();

    /** One affine map and the activation after it (null until one is seen). */
    static final class Affine {
        final float[][] weights;
        final float[] bias;
        Activation activation;
        /** Set once the layer can take no more bias or activation: the next affine map has begun, or the activation came. */
        boolean closed;

        private Affine(float[][] weights) {
            this.weights = weights;
            this.bias = new float[weights.length];
        }

        int out() {
            return weights.length;
        }

        int in() {
            return weights[0].length;
        }
    }

    boolean isEmpty() {
        return layers.isEmpty();
    }

    /** The layer read last, or null before the first. */
    Affine last() {
        return layers.isEmpty() ? null : layers.get(layers.size() - 1);
    }

    /** Closes the last layer and starts one with weights {@code w} (out × in) and a zero bias. */
    Affine start(float[][] w) {
        if (!layers.isEmpty()) {
            last().closed = true;
        }
        Affine layer = new Affine(w);
        layers.add(layer);
        return layer;
    }

    /** A float32 network with these layers' parameters; at least one layer must have been read. */
    Network network() {
        Affine output = last();
        NetworkBuilder builder = Network.builder(layers.get(0).in());
        for (Affine layer : layers.subList(0, layers.size() - 1)) {
            builder.dense(layer.out(), layer.activation == null ? Activations.identity() : layer.activation);
        }
        Network network = builder.output(output.out(), loss(output.activation)).build();
        for (int l = 0; l < layers.size(); l++) {
            Dense dense = (Dense) network.layers().get(l);
            dense.weights().assign(Nd4j.create(layers.get(l).weights));
            dense.bias().assign(Nd4j.createFromArray(layers.get(l).bias).reshape(1, layers.get(l).out()));
        }
        return network;
    }

    /**
     * The loss for the output {@code activation}: the registry's classifier loss whose output activation it is
     * (softmax → softmax cross-entropy, logistic → logistic cross-entropy), else squared error after it.
     */
    private static Loss loss(Activation activation) {
        if (activation == null) {
            return Losses.squaredError();
        }
        return Losses.REGISTRY.names().stream().map(Losses::parse)
                .filter(loss -> loss.classifies() && loss.outputActivation().spec().equals(activation.spec()))
                .findFirst().orElseGet(() -> Losses.squaredError(activation));
    }
}
