package org.neuronkit.cuda13;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.layer.Dense;
import org.neuronkit.layer.Layer;
import org.neuronkit.network.Network;

/**
 * A {@link Network} as the CUDA 13 engine sees it: layer sizes, one activation spec per hidden layer, λ, and
 * the flat parameters in the engine's layout (every W⁽ˡ⁾, M_l × M_{l−1} row-major, then every b⁽ˡ⁾), copied
 * through each {@link Dense} layer's views. {@link #of} rejects what the kernels cannot train, naming the
 * layer.
 */
record NetworkShape(int[] sizes, String[] activations, double l2) {

    static final String LOSS = "softmax-cross-entropy";
    /** Why a layer other than dense is refused. */
    static final String DENSE_ONLY = "the CUDA 13 engine trains dense layers only (no dropout, maxout or other layers); train this network on the CPU";

    /** The shape of {@code network}, or a ConfigurationException naming the first layer the engine cannot train. */
    static NetworkShape of(Network network) {
        List<Layer> layers = network.layers();
        int[] sizes = new int[layers.size() + 1];
        sizes[0] = network.inputSize();
        List<String> activations = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            String where = "layer " + (l + 1) + ", " + layer.describe();
            if (!(layer instanceof Dense dense)) {
                throw new ConfigurationException(where + ": " + DENSE_ONLY);
            }
            sizes[l + 1] = dense.outputSize();
            if (l < layers.size() - 1) {
                String spec = dense.activation().spec();
                Optional<String> refusal = KernelActivations.refusal(dense.activation());
                if (refusal.isPresent()) {
                    throw new ConfigurationException(where + ": activation '" + spec + "' has no CUDA 13 kernel: " + refusal.get()
                            + "; the kernels have " + KernelActivations.supported());
                }
                activations.add(spec);
            }
        }
        if (!network.loss().spec().equals(LOSS)) {
            throw new ConfigurationException("layer " + layers.size() + " (output): loss '" + network.loss().spec()
                    + "' has no CUDA 13 kernel; supported: " + LOSS);
        }
        if (network.l1() > 0) {
            throw new ConfigurationException("λ₁ = " + network.l1() + ": the CUDA 13 engine has no L1 term; train this network on the CPU");
        }
        return new NetworkShape(sizes, activations.toArray(String[]::new), network.l2());
    }

    long parameterCount() {
        long n = 0;
        for (int l = 1; l < sizes.length; l++) {
            n += (long) sizes[l - 1] * sizes[l] + sizes[l];
        }
        return n;
    }

    /** The network's parameters in the engine's layout. */
    float[] parameters(Network network) {
        float[] out = new float[Math.toIntExact(parameterCount())];
        int at = 0;
        for (Layer layer : network.layers()) {
            float[] w = ((Dense) layer).weights().castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(w, 0, out, at, w.length);
            at += w.length;
        }
        for (Layer layer : network.layers()) {
            float[] b = ((Dense) layer).bias().castTo(DataType.FLOAT).dup('c').data().asFloat();
            System.arraycopy(b, 0, out, at, b.length);
            at += b.length;
        }
        return out;
    }

    /** Writes parameters in the engine's layout into the network's W and b views. */
    void setParameters(Network network, float[] values) {
        if (values.length != parameterCount()) {
            throw new IllegalArgumentException(values.length + " values for " + parameterCount() + " parameters of " + Arrays.toString(sizes));
        }
        int at = 0;
        for (Layer layer : network.layers()) {
            INDArray w = ((Dense) layer).weights();
            w.assign(Nd4j.create(Arrays.copyOfRange(values, at, at + (int) w.length()), w.shape(), 'c').castTo(w.dataType()));
            at += (int) w.length();
        }
        for (Layer layer : network.layers()) {
            INDArray b = ((Dense) layer).bias();
            b.assign(Nd4j.create(Arrays.copyOfRange(values, at, at + (int) b.length()), b.shape(), 'c').castTo(b.dataType()));
            at += (int) b.length();
        }
    }
}
