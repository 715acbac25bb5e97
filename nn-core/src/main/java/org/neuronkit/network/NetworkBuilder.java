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
import org.neuronkit.layer.BatchNormSpec;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.layer.DropoutSpec;
import org.neuronkit.layer.Layer;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.MaxoutSpec;
import org.neuronkit.layer.OutputSpec;
import org.neuronkit.layer.WeightInit;
import org.neuronkit.loss.Loss;
import org.neuronkit.backend.ThreadSetup;
import org.neuronkit.loss.Losses;

/**
 * Builds a {@link Network}: the input size, then hidden layers in order, then the output layer with
 * its loss; λ (L2), λ₁ (L1), seed and data type are optional. Sizes are checked as layers are added: a layer's
 * weight matrix must fit one array, and {@link #build} refuses parameters and gradients beyond the
 * {@link AllocationLimit}, before allocating.
 *
 * <pre>{@code
 * Network net = Network.builder(64)
 *         .dense(32, Activations.relu())
 *         .output(10, Losses.softmaxCrossEntropy())
 *         .l2(1e-4).l1(1e-5).seed(42)
 *         .build();
 * }</pre>
 */
public final class NetworkBuilder {
    static {
        ThreadSetup.ensure(); // before ND4J loads its native libraries
    }

    /** The most weights one layer may have: the largest Java array. */
    static final long MAX_LAYER_WEIGHTS = Integer.MAX_VALUE - 8;
    private final int inputSize;
    private final List<Layer> layers = new ArrayList<>();
    private Loss loss;
    private double l2;
    private double l1;
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

    /**
     * Adds the layer {@code spec} describes after the current last layer; an {@link OutputSpec}
     * closes the network with its loss. Its size is checked first: positive, and a weight matrix
     * that one array can hold.
     *
     * @throws ConfigurationException naming the layer's position and spec
     */
    public NetworkBuilder add(LayerSpec spec) {
        String layer = "layer " + (layers.size() + 1) + ", " + spec;
        if (loss != null) {
            throw new ConfigurationException("cannot add " + layer + " after the output layer");
        }
        int in = nextInput();
        if (spec.outputSize(in) <= 0) {
            throw new ConfigurationException(layer + ": the size must be positive, got " + spec.outputSize(in));
        }
        long weights = spec.weightCount(in);
        if (weights > MAX_LAYER_WEIGHTS) {
            throw new ConfigurationException(String.format(Locale.ROOT, "%s: %d inputs need %,d weights, more than"
                    + " the %,d one layer can hold", layer, in, weights, MAX_LAYER_WEIGHTS));
        }
        Loss outputLoss = spec instanceof OutputSpec output ? Losses.parse(output.loss()) : null;
        if (outputLoss != null) {
            outputLoss.checkOutputSize(spec.outputSize(in));
        }
        layers.add(spec.create(in));
        loss = outputLoss;
        return this;
    }

    /** A hidden fully connected layer of {@code units} neurons. */
    public NetworkBuilder dense(int units, Activation activation) {
        return add(new DenseSpec(units, activation.spec()));
    }

    /**
     * Batch normalization of the previous layer's output ({@link org.neuronkit.layer.BatchNorm}):
     * batch statistics in training, running averages in inference, learnable γ and β.
     */
    public NetworkBuilder batchNorm() {
        return add(new BatchNormSpec());
    }

    /** A hidden maxout layer of {@code units} neurons with {@code pieces} affine pieces each. */
    public NetworkBuilder maxout(int units, int pieces) {
        return add(new MaxoutSpec(units, pieces));
    }

    /**
     * Inverted dropout with rate {@code p} on the previous layer's output (training only); its masks'
     * seed derives from the network's seed and the layer's position.
     */
    public NetworkBuilder dropout(double p) {
        return dropout(p, null);
    }

    /** Dropout with an explicit seed of its masks, or null for one derived from the network's seed. */
    public NetworkBuilder dropout(double p, Long seed) {
        return add(new DropoutSpec(p, seed));
    }

    /** The output layer: {@code units} neurons with the loss's output activation. */
    public NetworkBuilder output(int units, Loss loss) {
        return add(new OutputSpec(units, loss.spec()));
    }

    /** The number of parameters of the layers added so far, known before {@link #build} allocates them. */
    public long parameterCount() {
        return layers.stream().mapToLong(layer -> (long) layer.weightCount() + layer.otherCount()).sum();
    }

    /** λ of the structural risk (docs/chapter.md §3), ≥ 0; default 0. */
    public NetworkBuilder l2(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new ConfigurationException("λ (L2) must be a finite number ≥ 0, got " + lambda);
        }
        this.l2 = lambda;
        return this;
    }

    /** λ₁ of the L1 term λ₁‖W‖₁ on the weights (not the biases), ≥ 0; default 0. */
    public NetworkBuilder l1(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new ConfigurationException("λ₁ (L1) must be a finite number ≥ 0, got " + lambda);
        }
        this.l1 = lambda;
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
        return build(new WeightInit(seed));
    }

    /**
     * As {@link #build}, but draws no initial values and allocates no gradient buffer until the
     * network first computes a gradient: the parameters are left at zero for a loader that writes
     * every one of them next (a model file's tensors), so loading costs one buffer of the model's
     * size and one pass over it.
     */
    public Network buildUninitialized() {
        return build(null);
    }

    private Network build(WeightInit init) {
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
            layers.get(l).seedIfUnset(seed * 1_000_003L + l);
        }
        INDArray parameters = Nd4j.create(dataType, total);
        return bind(parameters, init == null ? null : Nd4j.create(dataType, total), init, true);
    }

    /**
     * The network of this builder's layers bound to {@code parameters} and {@code gradients}, flat
     * buffers of the layout {@link Network#parameters()} describes: weights initialised by
     * {@code init}, or left as the buffer holds them when {@code init} is null. Null
     * {@code gradients}: the network makes its gradient buffer when it first needs one (see
     * {@link #bindLayers}). An {@code owner} network trains and closes the buffers; any other is an
     * inference-only replica.
     */
    Network bind(INDArray parameters, INDArray gradients, WeightInit init, boolean owner) {
        long weightCount = bindLayers(layers, parameters, gradients, init);
        return new Network(layers, loss, l2, l1, dataType, parameters, gradients, weightCount, owner);
    }

    /**
     * Gives every layer its views of the flat buffers (weights first, then the other parameters) and
     * returns the number of weights. Without a {@code gradients} buffer the gradient views are views
     * of the parameters: a network that has never computed a gradient (one loaded from a file, a
     * replica) never writes them, and costs no second buffer of the model's size; a network binds its
     * layers again when it makes its gradient buffer.
     */
    static long bindLayers(List<Layer> layers, INDArray parameters, INDArray gradients, WeightInit init) {
        INDArray gradientViews = gradients == null ? parameters : gradients;
        long weightCount = 0;
        for (Layer layer : layers) {
            weightCount += layer.weightCount();
        }
        long weightOffset = 0;
        long otherOffset = weightCount;
        for (Layer layer : layers) {
            layer.bind(ParameterLayout.region(parameters, weightOffset, layer.weightCount()),
                    ParameterLayout.region(parameters, otherOffset, layer.otherCount()),
                    ParameterLayout.region(gradientViews, weightOffset, layer.weightCount()),
                    ParameterLayout.region(gradientViews, otherOffset, layer.otherCount()),
                    init);
            weightOffset += layer.weightCount();
            otherOffset += layer.otherCount();
        }
        return weightCount;
    }

    /**
     * A replica of {@code source} for inference on another thread: new layers of the same
     * architecture (with their own activation, δ and scratch buffers and their own prepared native
     * ops) bound to views of the source's parameter buffer, which is shared, not copied.
     */
    static Network replicaOf(Network source) {
        return replicaOf(source, null);
    }

    /**
     * A replica of {@code source} whose layers write their parameter gradients into {@code gradients}
     * (its own buffer of the parameters' length, closed with it), or, when null, an inference-only
     * replica whose gradient views are the shared parameters and are never written.
     */
    static Network replicaOf(Network source, INDArray gradients) {
        NetworkBuilder builder = new NetworkBuilder(source.inputSize()).dataType(source.dataType()).l2(source.l2()).l1(source.l1());
        source.specs().forEach(builder::add);
        return builder.bind(source.parameters(), gradients, null, false);
    }
}
