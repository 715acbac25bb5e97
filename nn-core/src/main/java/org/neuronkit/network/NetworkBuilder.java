package org.neuronkit.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.AllocationLimit;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.layer.BatchNorm;
import org.neuronkit.layer.Dense;
import org.neuronkit.layer.Dropout;
import org.neuronkit.layer.Layer;
import org.neuronkit.layer.Maxout;
import org.neuronkit.layer.WeightInit;
import org.neuronkit.loss.Loss;
import org.neuronkit.backend.ThreadSetup;
import org.neuronkit.loss.Losses;

/**
 * Builds a {@link Network}: the input size, then hidden layers in order, then the output layer with
 * its loss; λ, seed and data type are optional. Sizes are checked as layers are added: a layer's
 * weight matrix must fit one array, and {@link #build} refuses parameters and gradients beyond the
 * {@link AllocationLimit}, before allocating.
 *
 * <pre>{@code
 * Network net = Network.builder(64)
 *         .dense(32, Activations.relu())
 *         .output(10, Losses.softmaxCrossEntropy())
 *         .l2(1e-4).seed(42)
 *         .build();
 * }</pre>
 */
public final class NetworkBuilder {
    static {
        ThreadSetup.ensure(); // before ND4J loads its native libraries
    }

    /** The most weights one layer may have: the largest Java array. */
    static final long MAX_LAYER_WEIGHTS = Integer.MAX_VALUE - 8;
    /** The most affine pieces of a maxout neuron. */
    static final int MAX_PIECES = 4096;
    private final int inputSize;
    private final List<Layer> layers = new ArrayList<>();
    private Loss loss;
    private double l2;
    private long seed = 42;
    private DataType dataType = DataType.FLOAT;

    NetworkBuilder(int inputSize) {
        if (inputSize <= 0) {
            throw new ConfigurationException("the input size must be positive, got " + inputSize);
        }
        this.inputSize = inputSize;
    }

    private int nextInput() {
        return layers.isEmpty() ? inputSize : layers.get(layers.size() - 1).outputSize();
    }

    private void requireOpen(String what) {
        if (loss != null) {
            throw new ConfigurationException("cannot add " + what + " after the output layer");
        }
    }

    private static int positive(String what, int value) {
        if (value <= 0) {
            throw new ConfigurationException(what + " must be positive, got " + value);
        }
        return value;
    }

    /**
     * Checks that a layer of {@code units} neurons with {@code pieces} affine pieces each, after the
     * current last layer, has a weight matrix (pieces·units × inputs) that one array can hold.
     */
    private int checkedSize(String kind, int units, int pieces) {
        String layer = "layer " + (layers.size() + 1) + " (" + kind + ")";
        positive(layer + " size", units);
        if (pieces > MAX_PIECES) {
            throw new ConfigurationException(layer + " has " + pieces + " maxout pieces, more than " + MAX_PIECES);
        }
        long weights = (long) nextInput() * units * pieces;
        if (weights > MAX_LAYER_WEIGHTS) {
            throw new ConfigurationException(String.format(Locale.ROOT, "%s: %d inputs × %d units%s need %,d weights, more than"
                    + " the %,d one layer can hold", layer, nextInput(), units, pieces > 1 ? " × " + pieces + " pieces" : "",
                    weights, MAX_LAYER_WEIGHTS));
        }
        return units;
    }

    /** A hidden fully connected layer of {@code units} neurons. */
    public NetworkBuilder dense(int units, Activation activation) {
        requireOpen("a dense layer");
        layers.add(new Dense(nextInput(), checkedSize("dense", units, 1), activation));
        return this;
    }

    /** A hidden maxout layer of {@code units} neurons with {@code pieces} affine pieces each. */
    public NetworkBuilder maxout(int units, int pieces) {
        requireOpen("a maxout layer");
        positive("maxout pieces", pieces);
        layers.add(new Maxout(nextInput(), checkedSize("maxout", units, pieces), pieces));
        return this;
    }

    /**
     * Inverted dropout with rate {@code p} on the previous layer's output (training only); its masks'
     * seed derives from the network's seed and the layer's position.
     */
    public NetworkBuilder dropout(double p) {
        return dropout(p, null);
    }

    /** Dropout with an explicit seed of its masks (as a model file restores it). */
    public NetworkBuilder dropout(double p, Long seed) {
        requireOpen("a dropout layer");
        layers.add(new Dropout(nextInput(), p, seed));
        return this;
    }

    /**
     * Batch normalization of the previous layer's output ({@link BatchNorm}): batch statistics in
     * training, running averages in inference, learnable γ and β.
     */
    public NetworkBuilder batchNorm() {
        requireOpen("a batch-norm layer");
        layers.add(new BatchNorm(nextInput()));
        return this;
    }

    /** The output layer: {@code units} neurons with the loss's output activation. */
    public NetworkBuilder output(int units, Loss loss) {
        requireOpen("a second output layer");
        layers.add(new Dense(nextInput(), checkedSize("output", units, 1), loss.outputActivation()));
        this.loss = loss;
        return this;
    }

    /** λ of the structural risk (docs/chapter.md §3), ≥ 0; default 0. */
    public NetworkBuilder l2(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new ConfigurationException("λ (L2) must be a finite number ≥ 0, got " + lambda);
        }
        this.l2 = lambda;
        return this;
    }

    /** Seed of the weight initialisation; default 42. */
    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** FLOAT (default, for training) or DOUBLE (for gradient checks). */
    public NetworkBuilder dataType(DataType type) {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new ConfigurationException("data type must be FLOAT or DOUBLE, got " + type);
        }
        this.dataType = type;
        return this;
    }

    /** Allocates the flat buffers, binds every layer's views and initialises the weights. */
    public Network build() {
        if (loss == null) {
            throw new ConfigurationException("the network has no output layer: call output(units, loss) last");
        }
        long total = 0;
        for (Layer layer : layers) {
            total += layer.weightCount() + layer.otherCount();
        }
        AllocationLimit.check(AllocationLimit.bytes(total, 2L * dataType.width()), String.format(Locale.ROOT,
                "the network's %,d parameters and their gradients", total), ConfigurationException::new);
        for (int l = 0; l < layers.size(); l++) {
            if (layers.get(l) instanceof Dropout dropout) {
                dropout.seedIfUnset(seed * 1_000_003L + l);
            }
        }
        return bind(Nd4j.create(dataType, total), Nd4j.create(dataType, total), new WeightInit(seed), true);
    }

    /**
     * The network of this builder's layers bound to {@code parameters} and {@code gradients}, flat
     * buffers of the layout {@link Network#parameters()} describes: weights initialised by
     * {@code init}, or left as the buffer holds them when {@code init} is null. An {@code owner}
     * network trains and closes the buffers; any other is an inference-only replica.
     */
    Network bind(INDArray parameters, INDArray gradients, WeightInit init, boolean owner) {
        long weightCount = 0;
        for (Layer layer : layers) {
            weightCount += layer.weightCount();
        }
        long weightOffset = 0;
        long otherOffset = weightCount;
        for (Layer layer : layers) {
            layer.bind(ParameterLayout.region(parameters, weightOffset, layer.weightCount()),
                    ParameterLayout.region(parameters, otherOffset, layer.otherCount()),
                    ParameterLayout.region(gradients, weightOffset, layer.weightCount()),
                    ParameterLayout.region(gradients, otherOffset, layer.otherCount()),
                    init);
            weightOffset += layer.weightCount();
            otherOffset += layer.otherCount();
        }
        return new Network(layers, loss, l2, dataType, parameters, gradients, weightCount, owner);
    }

    /**
     * A replica of {@code source} for inference on another thread: new layers of the same
     * architecture (with their own activation, δ and scratch buffers and their own prepared native
     * ops) bound to views of the source's parameter buffer, which is shared, not copied.
     */
    static Network replicaOf(Network source) {
        NetworkBuilder builder = new NetworkBuilder(source.inputSize()).dataType(source.dataType()).l2(source.l2());
        List<Layer> list = source.layers();
        for (int l = 0; l < list.size() - 1; l++) {
            Layer layer = list.get(l);
            if (layer instanceof Dropout dropout) {
                builder.dropout(dropout.rate(), dropout.seed());
            } else if (layer instanceof Maxout maxout) {
                builder.maxout(maxout.outputSize(), maxout.pieces());
            } else if (layer instanceof BatchNorm) {
                builder.batchNorm();
            } else if (layer instanceof Dense dense) {
                builder.dense(dense.outputSize(), Activations.parse(dense.activation().spec()));
            } else {
                throw new ConfigurationException("cannot replicate layer " + (l + 1) + ", " + layer.describe()
                        + ": replicas know dense, maxout, dropout, batch-norm and output layers");
            }
        }
        builder.output(source.outputSize(), Losses.parse(source.loss().spec()));
        return builder.bind(source.parameters(), source.gradients(), null, false);
    }
}
