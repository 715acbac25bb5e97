package org.neuronkit.network;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.neuronkit.DataException;
import org.neuronkit.eval.Decision;
import org.neuronkit.layer.Dense;
import org.neuronkit.layer.Layer;
import org.neuronkit.layer.LayerSpec;
import org.neuronkit.layer.OutputSpec;
import org.neuronkit.loss.Loss;
import org.neuronkit.ops.OpSequence;

/**
 * A feedforward network φ(x; W, b) (docs/chapter.md §3): an ordered stack of layers ending in an output
 * {@link Dense} layer whose activation belongs to the {@link Loss}.
 *
 * <p>Forward: a⁽⁰⁾ = x, a⁽ˡ⁾ = f_l(W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾). Backward: the δ recursion of docs/chapter.md §4, from
 * δ⁽ᴸ⁾ given by the loss down to the first layer. The objective is the structural risk
 * R(W, b) = (1/N) Σ L(y⁽ⁿ⁾, ŷ⁽ⁿ⁾) + (λ/2) Σ_l ‖W⁽ˡ⁾‖_F² + λ₁ Σ_l ‖W⁽ˡ⁾‖₁ (docs/chapter.md §3; ‖W‖₁ is the sum
 * of the entries' absolute values; biases are not regularised), and {@link #computeGradient} leaves ∂R/∂θ in
 * {@link #gradients()}: the L1 term adds λ₁ sign(W), with sign(0) = 0.
 *
 * <p>All parameters live in one flat buffer ({@link #parameters()}), all gradients in another of the
 * same layout: first every layer's weights (the region L2 acts on), then every layer's biases,
 * activation parameters and batch-norm γ, β and running averages (the last with a gradient of zero).
 * Layers hold views into both. Not thread-safe: one training or inference call at a time; for
 * inference from many threads, a {@link org.neuronkit.serve.Predictor} runs {@link #replica() replicas}
 * that share the parameter buffer. A call that starts while another thread's call is running fails
 * with an {@link IllegalStateException} naming {@code Predictor} instead of computing on buffers the
 * other call is writing: each computing method claims the network with one compare-and-set of its
 * current user on entry and clears it on exit (no lock, no allocation).
 *
 * <p>A network owns native memory (its flat buffers and its layers' batch buffers): {@link #close()}
 * releases the flat buffers at once instead of when the garbage collector gets to them, after which
 * every method that computes or hands out parameters fails with an {@link IllegalStateException}.
 * A network knows its replicas: closing it first waits for the calls running in it and in them to
 * end, and their later calls fail, so no call ever reads released memory.
 *
 * <h2>Shapes</h2>
 * x is N × {@link #inputSize()}, y and the output N × {@link #outputSize()}.
 */
public final class Network implements AutoCloseable {
    private final List<Layer> layers;
    private final Dense outputLayer;
    private final Loss loss;
    private final double l2;
    private final double l1;
    private final DataType dataType;
    private final INDArray parameters;
    /** Null until the network first needs gradients (see {@link NetworkBuilder#bindLayers}). */
    private INDArray gradients;
    private final INDArray weightRegion;
    private INDArray weightGradientRegion;
    private final boolean owner;
    private INDArray outputDelta;
    private final OpSequence inputOps = new OpSequence();
    private final OpSequence predictOps = new OpSequence();
    private final OpSequence outputOps = new OpSequence();
    private final OpSequence l1Ops = new OpSequence();
    private INDArray l1Gradient;
    private INDArray castInput;
    private INDArray classes;
    private volatile boolean closed;
    /** The thread inside a computing method, or null. */
    @SuppressWarnings("unused") // accessed through USER
    private volatile Thread user;
    /** The network whose parameters this replica shares; null for a network that owns its buffers. */
    private Network source;
    /** The open replicas sharing this network's parameters. */
    private final Set<Network> replicas = ConcurrentHashMap.newKeySet();
    private static final VarHandle USER;

    static {
        try {
            USER = MethodHandles.lookup().findVarHandle(Network.class, "user", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Network(List<Layer> layers, Loss loss, double l2, double l1, DataType dataType, INDArray parameters, INDArray gradients,
            long weightCount, boolean owner) {
        this.layers = List.copyOf(layers);
        this.outputLayer = (Dense) layers.get(layers.size() - 1);
        this.loss = loss;
        this.l2 = l2;
        this.l1 = l1;
        this.dataType = dataType;
        this.parameters = parameters;
        this.gradients = gradients;
        this.weightRegion = ParameterLayout.region(parameters, 0, weightCount);
        this.weightGradientRegion = gradients == null ? null : ParameterLayout.region(gradients, 0, weightCount);
        this.owner = owner;
    }

    /** Starts a network whose input rows have {@code inputSize} features. */
    public static NetworkBuilder builder(int inputSize) {
        return new NetworkBuilder(inputSize);
    }

    public int inputSize() {
        return layers.get(0).inputSize();
    }

    public int outputSize() {
        return outputLayer.outputSize();
    }

    public List<Layer> layers() {
        return layers;
    }

    public Loss loss() {
        return loss;
    }

    /** λ, the L2 coefficient of the structural risk. */
    public double l2() {
        return l2;
    }

    /** λ₁, the L1 coefficient of the structural risk. */
    public double l1() {
        return l1;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The flat parameter buffer (1-D); layers' W and b are views into it. */
    public INDArray parameters() {
        requireOpen();
        return parameters;
    }

    /**
     * The flat gradient buffer, laid out like {@link #parameters()}; a network loaded from a file
     * makes it on the first call (or the first {@link #computeGradient}). A replica has none.
     */
    public INDArray gradients() {
        requireOpen();
        if (!owner) {
            throw new IllegalStateException("a replica is for inference only: it has no gradients");
        }
        ensureGradients();
        return gradients;
    }

    /** Makes the gradient buffer, zeroed, and binds the layers' gradient views to it. */
    private void ensureGradients() {
        if (gradients == null) {
            gradients = Nd4j.create(dataType, parameters.length());
            NetworkBuilder.bindLayers(layers, parameters, gradients, null);
            weightGradientRegion = ParameterLayout.region(gradients, 0, weightRegion.length());
        }
    }

    /**
     * A network of the same architecture for inference on another thread: its own layers (activation
     * buffers, prepared native ops) bound to views of this network's parameter buffer, which it shares
     * and never writes. Changes to this network's parameters show in the replica. A replica cannot
     * train ({@link #computeGradient} fails) and its {@link #close()} leaves the shared buffers alone;
     * it must not be used after this network is closed.
     */
    public Network replica() {
        synchronized (replicas) {
            requireOpen();
            Network replica = NetworkBuilder.replicaOf(this);
            replica.source = this;
            replicas.add(replica);
            return replica;
        }
    }

    /**
     * A {@link #replica()} that can also differentiate ({@link #inputGradient}): it has a gradient
     * buffer of its own, of the parameters' size, into which the backward pass writes parameter
     * gradients that nobody reads, so that the shared parameters are never written. For
     * {@link org.neuronkit.serve.Predictor#gradient}; closed like any replica, its buffer with it.
     */
    public Network gradientReplica() {
        synchronized (replicas) {
            requireOpen();
            Network replica = NetworkBuilder.replicaOf(this, Nd4j.create(dataType, parameters.length()));
            replica.source = this;
            replicas.add(replica);
            return replica;
        }
    }

    /**
     * The gradient of a prediction with respect to the input: for each row n of x,
     * ∂(Σ_c s_nc ŷ_nc)/∂x_n, the vector-Jacobian product of the inference map x ↦ ŷ (dropout is the
     * identity, batch normalisation uses its running averages) with the seed s. A one-hot row s_n
     * gives ∂ŷ_c/∂x_n. With {@code logits}, the products are taken with the output layer's
     * pre-activation z instead of ŷ = f(z) (for softmax, ∂z_c/∂x_n).
     *
     * <p>It is the δ recursion of docs/chapter.md §4 run one layer further, down to a⁽⁰⁾ = x:
     * δ⁽ᴸ⁾ = f′(z⁽ᴸ⁾)ᵀ s (softmax's vector-Jacobian product), ∂/∂a⁽ˡ⁻¹⁾ = W⁽ˡ⁾ᵀ δ⁽ˡ⁾, through each
     * layer's {@link Layer#backwardInference}. Rows do not interact (no batch statistics), so the
     * gradient of row n depends on row n only.
     *
     * <p>On a network that owns its parameters, this overwrites {@link #gradients()}; a plain
     * {@link #replica()}, whose gradient views are its parameters, refuses (use
     * {@link #gradientReplica()}).
     *
     * <h2>Shapes</h2>
     * x is N × {@link #inputSize()}, s is N × {@link #outputSize()}; the result is N ×
     * {@link #inputSize()} in the network's data type: a buffer of the first layer, valid until
     * the network's next call (copy it to keep it).
     */
    public INDArray inputGradient(INDArray x, INDArray seed, boolean logits) {
        if (!owner && gradients == null) {
            throw new IllegalStateException("this replica has no gradient buffer of its own: make one with gradientReplica()"
                    + " to differentiate on another thread");
        }
        enter();
        try {
            ensureGradients();
            INDArray yHat = forward(x, false);
            if (seed.rank() != 2 || seed.rows() != yHat.rows() || seed.columns() != outputSize()) {
                throw new DataException("the seed of an input gradient has shape " + java.util.Arrays.toString(seed.shape())
                        + "; it must be " + yHat.rows() + " × " + outputSize() + ", one row per input row");
            }
            INDArray s = seed.dataType() == dataType ? seed : seed.castTo(dataType);
            INDArray gradient = logits ? outputLayer.backwardFromDelta(s, true) : outputLayer.backward(s, true);
            for (int l = layers.size() - 2; l >= 0; l--) {
                gradient = layers.get(l).backwardInference(gradient);
            }
            return gradient;
        } finally {
            exit();
        }
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Releases the native memory of the flat parameter and gradient buffers (for a replica: nothing
     * shared with its source) now rather than when the garbage collector finds them unreachable. The
     * layers' views into them become invalid: every later call that computes or reads parameters
     * fails with an {@link IllegalStateException}. Calls running in this network or in one of its
     * replicas on other threads are waited for first. Closing again does nothing.
     */
    @Override
    public void close() {
        synchronized (replicas) {
            if (closed) {
                return;
            }
            closed = true;
        }
        awaitIdle();
        replicas.forEach(Network::awaitIdle);
        if (source != null) {
            source.replicas.remove(this);
        }
        if (owner) {
            parameters.close();
        }
        if (gradients != null) {
            gradients.close(); // an owner's, or a gradient replica's own
        }
        if (outputDelta != null) {
            outputDelta.close();
        }
        if (l1Gradient != null) {
            l1Gradient.close();
        }
        l1Ops.release();
        inputOps.release();
        predictOps.release();
        outputOps.release();
    }

    /**
     * Claims the network for the calling thread's computation, or fails naming the thread that holds
     * it. Then checks that neither this network nor the one whose parameters it shares is closed:
     * {@link #close()} sets its flag before it looks for users, and a user claims before it looks at
     * the flag, so one of the two sees the other.
     */
    private void enter() {
        Thread current = Thread.currentThread();
        Thread other = (Thread) USER.compareAndExchange(this, (Thread) null, current);
        if (other != null) {
            throw new IllegalStateException("this " + inputSize() + "-input network is in use by thread '" + other.getName()
                    + "' while thread '" + current.getName() + "' calls it: a Network is for one thread at a time;"
                    + " to serve one model from many threads, use a Predictor (org.neuronkit.serve.Predictor)");
        }
        if (closed || source != null && source.closed) {
            exit();
            requireOpen();
            throw new IllegalStateException("the network this replica shares its parameters with is closed");
        }
    }

    /**
     * Claims the network for code that reads its parameter views itself instead of through a computing
     * method (serving's lean path, {@code org.neuronkit.serve}), exactly as a computing method claims it:
     * {@link #close()} waits until {@link #release()}, and another thread's call meanwhile is refused.
     * Pair every claim with a release in a {@code finally} block.
     *
     * @throws IllegalStateException if another thread uses the network, or it or the network it shares
     *     its parameters with is closed
     */
    public void claim() {
        enter();
    }

    /** Ends the calling thread's {@link #claim()}. */
    public void release() {
        exit();
    }

    private void exit() {
        USER.setVolatile(this, (Thread) null);
    }

    /** Waits until no other thread is inside a computing method (the current thread may be, when it closes from a listener). */
    private void awaitIdle() {
        Thread current = Thread.currentThread();
        for (Thread holder = user; holder != null && holder != current; holder = user) {
            LockSupport.parkNanos(50_000);
        }
    }

    /** @throws IllegalStateException naming this network when it is closed (its native buffers released) */
    public void requireOpen() {
        if (closed) {
            throw new IllegalStateException(inputSize() + "-input network " + describeLayers() + " is closed: its native buffers were released");
        }
    }

    private String describeLayers() {
        return layers.stream().map(Layer::describe).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    public long parameterCount() {
        return parameters.length();
    }

    /** The network's output ŷ for a batch, in a new array (probabilities for a classifier). */
    public INDArray output(INDArray x) {
        enter();
        try {
            INDArray yHat = forward(x, false);
            INDArray result = Nd4j.createUninitialized(yHat.dataType(), yHat.shape(), 'c');
            outputOps.begin().op("identity").in(yHat).out(result).run();
            return result;
        } finally {
            exit();
        }
    }

    /** The output buffer of the last forward pass (overwritten by the next one). */
    public INDArray lastOutput() {
        return outputLayer.output();
    }

    /**
     * The predicted class of each row of {@code x}: the arg-max, or for a single logistic output ŷ ≥ 0.5
     * ({@link Decision}); a row whose outputs are not finite fails, naming it.
     */
    public int[] predict(INDArray x) {
        enter();
        try {
            INDArray yHat = forward(x, false);
            if (yHat.columns() == 1) {
                return Decision.ofSingleOutput(yHat);
            }
            if (classes == null || classes.length() != yHat.rows()) {
                classes = Nd4j.create(DataType.LONG, yHat.rows());
            }
            predictOps.begin().rowArgMax(requireFiniteOutputs(yHat), classes);
            return classes.toIntVector();
        } finally {
            exit();
        }
    }

    /** The most probable class of each row. */
    public int[] predict(double[][] x) {
        return predict(Nd4j.create(x).castTo(dataType));
    }

    /** The most probable class of each row. */
    public int[] predict(float[][] x) {
        return predict(Nd4j.create(x).castTo(dataType));
    }

    /** The structural risk R on a batch, without touching the gradients. */
    public double risk(INDArray x, INDArray y) {
        enter();
        try {
            INDArray yHat = forward(x, false);
            checkTargets(x, y);
            return loss.value(outputLayer.preActivation(), yHat, y) + penalty();
        } finally {
            exit();
        }
    }

    /**
     * Forward and backward pass over a batch: fills {@link #gradients()} with ∂R/∂θ and returns R.
     * The loss term is a mean over the batch's rows, so the gradient is the mean gradient of docs/chapter.md §3
     * plus λW + λ₁ sign(W) on the weights.
     */
    public double computeGradient(INDArray x, INDArray y) {
        if (!owner) {
            throw new IllegalStateException("a replica is for inference only: train the network it was made from");
        }
        enter();
        try {
            ensureGradients();
            return gradientStep(x, y);
        } finally {
            exit();
        }
    }

    private double gradientStep(INDArray x, INDArray y) {
        INDArray yHat = forward(x, true);
        checkTargets(x, y);
        INDArray z = outputLayer.preActivation();
        double value = loss.value(z, yHat, y);
        if (outputDelta == null || !outputDelta.equalShapes(z) || outputDelta.dataType() != z.dataType()) {
            outputDelta = z.ulike();
        }
        loss.delta(z, yHat, y, outputDelta);
        INDArray gradient = outputLayer.backwardFromDelta(outputDelta, layers.size() > 1);
        for (int l = layers.size() - 2; l >= 0; l--) {
            gradient = layers.get(l).backward(gradient, l > 0);
        }
        if (l2 > 0) {
            Nd4j.getBlasWrapper().level1().axpy(weightRegion.length(), l2, weightRegion, weightGradientRegion);
        }
        if (l1 > 0) {
            addL1Gradient();
        }
        return value + penalty();
    }

    /**
     * Adds λ₁ sign(W) to the weights' gradient: libnd4j's {@code reduce_norm1_bp}, the gradient of
     * ‖W‖₁ scaled by λ₁, into a buffer of the weight region's size kept from step to step, then one
     * BLAS axpy.
     */
    private void addL1Gradient() {
        if (l1Gradient == null) {
            l1Gradient = weightRegion.ulike();
        }
        l1Ops.begin().op("reduce_norm1_bp").in(weightRegion).in(l1).out(l1Gradient).run();
        Nd4j.getBlasWrapper().level1().axpy(weightRegion.length(), 1.0, l1Gradient, weightGradientRegion);
    }

    /**
     * (λ/2) Σ‖W‖² + λ₁ Σ‖W‖₁: the regularisation terms of the structural risk; one BLAS dot and one
     * BLAS asum, no new arrays.
     */
    private double penalty() {
        double penalty = 0;
        if (l2 > 0) {
            penalty += 0.5 * l2 * Nd4j.getBlasWrapper().dot(weightRegion, weightRegion);
        }
        if (l1 > 0) {
            penalty += l1 * Nd4j.getBlasWrapper().level1().asum(weightRegion);
        }
        return penalty;
    }

    /**
     * Runs every layer on a batch x (N × {@link #inputSize()}) and returns the output layer's buffer
     * (N × {@link #outputSize()}), not a copy: the next call overwrites it.
     */
    public INDArray forward(INDArray x) {
        enter();
        try {
            return forward(x, false);
        } finally {
            exit();
        }
    }

    /** The forward pass; in a training pass layers such as dropout act ({@link Layer#forwardTraining}). */
    private INDArray forward(INDArray x, boolean training) {
        if (x.rank() != 2 || x.columns() != inputSize()) {
            throw new DataException("the network's input layer expects " + inputSize() + " features per row, but the data has "
                    + (x.rank() == 2 ? x.columns() + " (shape " + java.util.Arrays.toString(x.shape()) + ")" : "shape " + java.util.Arrays.toString(x.shape())));
        }
        INDArray a = x.dataType() == dataType ? x : cast(x);
        for (Layer layer : layers) {
            a = training ? layer.forwardTraining(a) : layer.forward(a);
        }
        return a;
    }

    /** x in the network's data type, in a buffer kept while the shape stays the same. */
    private INDArray cast(INDArray x) {
        if (castInput == null || !castInput.equalShapes(x)) {
            castInput = Nd4j.create(dataType, x.shape());
        }
        inputOps.begin().cast(x, castInput);
        return castInput;
    }

    private void checkTargets(INDArray x, INDArray y) {
        if (y.rank() != 2 || y.rows() != x.rows() || y.columns() != outputSize()) {
            throw new DataException("targets of shape " + java.util.Arrays.toString(y.shape()) + " do not fit the network's output: expected "
                    + x.rows() + " × " + outputSize());
        }
    }

    /**
     * The layers' specs, in order, the last one an {@link OutputSpec} with the loss: the network's
     * whole structure, what a model file stores and {@link NetworkBuilder#add} rebuilds.
     */
    public List<LayerSpec> specs() {
        List<LayerSpec> specs = new ArrayList<>();
        for (int l = 0; l < layers.size() - 1; l++) {
            specs.add(layers.get(l).spec());
        }
        specs.add(new OutputSpec(outputSize(), loss.spec()));
        return specs;
    }

    /**
     * The state of the training passes' randomness: every layer's {@link Layer#randomState()}, in
     * layer order (empty when no layer draws random numbers, e.g. without dropout). A checkpoint saves
     * it; {@link #restoreRandomState} puts it back so that a resumed run draws the same masks as an
     * uninterrupted one.
     */
    public long[] randomState() {
        return layers.stream().flatMapToLong(layer -> java.util.Arrays.stream(layer.randomState())).toArray();
    }

    /** Restores a {@link #randomState()} of a network of this architecture, each layer taking as many words as it has. */
    public void restoreRandomState(long[] state) {
        int expected = randomState().length;
        if (state.length != expected) {
            throw new org.neuronkit.ConfigurationException("the random state has " + state.length + " words, the network's layers "
                    + expected);
        }
        int offset = 0;
        for (Layer layer : layers) {
            int words = layer.randomState().length;
            layer.restoreRandomState(java.util.Arrays.copyOfRange(state, offset, offset + words));
            offset += words;
        }
    }

    /**
     * Where non-finite values first appear after the last forward/backward pass, in layer order:
     * e.g. {@code layer 2, Dense(32 → 16, relu): activations}; null if everything is finite.
     */
    public String locateNonFinite() {
        requireOpen();
        if (!isFinite(parameters)) {
            for (int l = 0; l < layers.size(); l++) {
                for (var view : layers.get(l).parameterViews().entrySet()) {
                    if (!isFinite(view.getValue())) {
                        return "layer " + (l + 1) + ", " + layers.get(l).describe() + ": parameter " + view.getKey();
                    }
                }
            }
        }
        for (int l = 0; l < layers.size(); l++) {
            INDArray out = layers.get(l).output();
            if (out != null && !isFinite(out)) {
                return "layer " + (l + 1) + ", " + layers.get(l).describe() + ": activations";
            }
        }
        return gradients == null || isFinite(gradients) ? null : "gradients (backward pass)";
    }

    /**
     * Outputs ŷ (N × C) to decide classes from, when all are finite; else {@link Decision#requireFinite} names the
     * first row that is not. On finite outputs it allocates nothing ({@link #isFinite}), so a serving call may use it.
     */
    public static INDArray requireFiniteOutputs(INDArray yHat) {
        return isFinite(yHat) ? yHat : Decision.requireFinite(yHat);
    }

    /**
     * True when no entry is NaN or infinite. Σ|x| (one BLAS asum, no new arrays) is finite only
     * then; when it is not, the entries may still all be finite and the sum have overflowed (e.g.
     * many values near ±3e38 in FLOAT), so the non-finite entries are then counted.
     */
    public static boolean isFinite(INDArray array) {
        return Double.isFinite(Nd4j.getBlasWrapper().level1().asum(array))
                || Nd4j.getExecutioner().exec(new MatchCondition(array, Conditions.notFinite())).getLong(0) == 0;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Network(" + inputSize() + " inputs, " + loss.spec() + ", λ = " + l2 + (l1 > 0 ? ", λ₁ = " + l1 : "") + ", " + dataType + ")\n");
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            text.append(String.format("  %2d  %-40s %,12d parameters%n", l + 1, layer.describe(), layer.weightCount() + layer.otherCount()));
        }
        text.append(String.format("      %-40s %,12d parameters", "total", parameterCount()));
        return text.toString();
    }
}
