package org.neuronkit.serve;

import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.ModelFile;
import org.neuronkit.network.Network;

/**
 * Thread-safe inference with a trained {@link Network}: {@link #output}, {@link #outputInto},
 * {@link #probabilities} and {@link #predict} may be called from any number of threads at once and
 * give, bit for bit, what one thread calling the network alone gets.
 *
 * <p>The network's flat parameter buffer is shared, read-only, by every call. What a forward pass
 * writes (each layer's activations, the input copy, prepared native ops) belongs to a
 * {@link Network#replica() replica} that one call at a time borrows from a pool: at most
 * {@code concurrency} calls run at once (default: the number of processors; further callers wait),
 * and at most twice as many replicas are made, kept by batch size. No lock is taken on the way:
 * a semaphore permit and a lock-free queue.
 *
 * <p>Raw inputs: when the model has a normaliser, each call applies x′ = (x − shift) / scale to a
 * copy of x in the replica (the caller's array is never changed), as in training.
 *
 * <p>Allocation: {@link #outputInto} with the same input and output arrays as an earlier call of
 * the same thread's replica allocates no native memory; {@link #output} and {@link #probabilities}
 * allocate their N × C result.
 *
 * <p>Lifecycle: {@link #close()} waits for calls in flight, then releases the replicas' native
 * memory (and the network's, for a predictor that {@linkplain #load loaded} it); later calls fail
 * with an {@link IllegalStateException}. A predictor made {@linkplain #of(Network) from a network}
 * does not own it: close the network only after the predictor.
 *
 * <h2>Shapes</h2>
 * x is N × F (F = the network's inputs, any floating-point type, N ≥ 1); outputs are N × C.
 */
public final class Predictor implements AutoCloseable {
    private final Network network;
    private final boolean ownsNetwork;
    private final InputScaling scaling;
    private final ReplicaPool pool;
    /** A regression model's target scaling, undone on every output (null for none): {@link ModelFile.Model#targetScaling}. */
    private final Normalizer targetScaling;
    private volatile boolean closed;

    private Predictor(Network network, Normalizer normalizer, Normalizer targetScaling, int concurrency, boolean ownsNetwork) {
        if (concurrency < 1) {
            throw new ConfigurationException("a predictor needs a concurrency of at least 1, got " + concurrency);
        }
        if (network.isClosed()) {
            throw new IllegalStateException("cannot make a predictor from a closed network");
        }
        this.network = network;
        this.ownsNetwork = ownsNetwork;
        this.targetScaling = targetScaling;
        this.scaling = normalizer == null ? null : InputScaling.of(normalizer, network.dataType(), network.inputSize());
        this.pool = new ReplicaPool(concurrency, () -> new Replica(network.replica(), scaling));
    }

    /** A predictor for {@code network} (raw inputs used as they are), for as many concurrent calls as processors. */
    public static Predictor of(Network network) {
        return of(network, null, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A predictor for {@code network} whose inputs go through {@code normalizer} (null for none),
     * running at most {@code concurrency} calls at once. The network stays the caller's.
     */
    public static Predictor of(Network network, Normalizer normalizer, int concurrency) {
        return new Predictor(network, normalizer, null, concurrency, false);
    }

    /** A predictor for a loaded model, its network and normaliser; the model stays the caller's. */
    public static Predictor of(ModelFile.Model model) {
        return new Predictor(model.network(), model.normalizer(), model.targetScaling(), Runtime.getRuntime().availableProcessors(), false);
    }

    /** Loads a model file ({@link ModelFile#load}) into a predictor that owns it and closes it with itself. */
    public static Predictor load(Path modelFile) {
        ModelFile.Model model = ModelFile.load(modelFile);
        return new Predictor(model.network(), model.normalizer(), model.targetScaling(), Runtime.getRuntime().availableProcessors(), true);
    }

    /** F, the features of an input row. */
    public int inputSize() {
        return network.inputSize();
    }

    /** C, the outputs of a row. */
    public int outputSize() {
        return network.outputSize();
    }

    /** The network's output ŷ (N × C) for raw inputs x, in a new array of the network's data type. */
    public INDArray output(INDArray x) {
        Replica replica = borrow(x);
        try {
            INDArray out = replica.forward(x).dup();
            return targetScaling == null ? out : targetScaling.inverse(out);
        } finally {
            pool.release(replica);
        }
    }

    /**
     * Writes ŷ for x into {@code out} (N × C, FLOAT or DOUBLE, not a view shared with another thread).
     * With the same x and out as before, the call allocates nothing.
     */
    public void outputInto(INDArray x, INDArray out) {
        if (out.rank() != 2 || out.rows() != x.rows() || out.columns() != outputSize() || !out.dataType().isFPType()) {
            throw new DataException("the output array is " + out.dataType() + " " + Arrays.toString(out.shape())
                    + "; it must be a floating-point " + x.rows() + " × " + outputSize() + " matrix");
        }
        Replica replica = borrow(x);
        try {
            replica.outputInto(x, out);
            if (targetScaling != null) {
                targetScaling.inverse(out);
            }
        } finally {
            pool.release(replica);
        }
    }

    /**
     * The class probabilities (N × C, rows summing to 1 for a softmax output) of a classifier: the
     * network's output when its loss is a cross-entropy; a regression network is refused.
     */
    public INDArray probabilities(INDArray x) {
        if (!network.loss().classifies()) {
            throw new ConfigurationException("the network's loss " + network.loss().spec()
                    + " is not a classifier's: its outputs are not probabilities (use output)");
        }
        return output(x);
    }

    /** The most probable class (arg-max of ŷ) of each row of x. */
    public int[] predict(INDArray x) {
        Replica replica = borrow(x);
        try {
            int[] classes = new int[(int) x.rows()];
            replica.predict(x, classes);
            return classes;
        } finally {
            pool.release(replica);
        }
    }

    /** The most probable class of each row. */
    public int[] predict(float[][] rows) {
        try (INDArray x = Nd4j.create(rows)) {
            return predict(x);
        }
    }

    /** The most probable class of each row. */
    public int[] predict(double[][] rows) {
        try (INDArray x = Nd4j.create(rows)) {
            return predict(x);
        }
    }

    /** Waits for the calls in flight to end and releases the native memory the predictor owns. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.close();
        if (scaling != null) {
            scaling.close();
        }
        if (ownsNetwork) {
            network.close();
        }
    }

    /** Checks x and the state, then lends a replica for x's batch size. */
    private Replica borrow(INDArray x) {
        requireOpen();
        if (x.rank() != 2 || x.columns() != inputSize() || x.rows() < 1 || !x.dataType().isFPType()) {
            throw new DataException("the predictor expects a floating-point N × " + inputSize() + " matrix (N ≥ 1), got "
                    + x.dataType() + " " + Arrays.toString(x.shape()));
        }
        Replica replica = pool.acquire(x.rows());
        if (replica == null) {
            requireOpen();
        }
        return replica;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this Predictor (" + inputSize() + " → " + outputSize() + ") is closed");
        }
        if (network.isClosed()) {
            throw new IllegalStateException("the network of this Predictor (" + inputSize() + " → " + outputSize()
                    + ") was closed: close a predictor before the network it was made from");
        }
    }
}
