package org.neuronkit.serve;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.data.Normalizer;
import org.neuronkit.network.Network;

/**
 * What {@link Predictor#gradient} runs: ∂ŷ_c/∂x with respect to the raw input x, for one class c per
 * row, on {@link Network#gradientReplica() gradient replicas} lent one per call (at most
 * {@code concurrency} at once; made on first need and kept).
 *
 * <p>The chain rule through the model's two affine scalings: with the input normaliser
 * x′ = (x − shift) / scale and, for a regression model, the target scaling ŷ = ŷ′ · τ + υ,
 * ∂ŷ_c/∂x_i = τ_c · (∂ŷ′_c/∂x′_i) / scale_i. The network's part, ∂ŷ′_c/∂x′, is
 * {@link Network#inputGradient} with the one-hot seed e_c.
 *
 * <h2>Shapes</h2>
 * x is N × F, the classes N; the result is N × F in the network's data type.
 */
final class InputGradients {
    private final Network network;
    private final InputScaling scaling;
    /** τ (1 × C), a regression model's target scale, or null. */
    private final INDArray targetScale;
    private final int concurrency;
    private final Semaphore permits;
    private final Queue<Network> idle = new ConcurrentLinkedQueue<>();
    private final Queue<Network> all = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    InputGradients(Network network, InputScaling scaling, Normalizer targetScaling, int concurrency) {
        this.network = network;
        this.scaling = scaling;
        this.targetScale = targetScaling == null ? null : targetScale(targetScaling, network);
        this.concurrency = concurrency;
        this.permits = new Semaphore(concurrency);
    }

    private static INDArray targetScale(Normalizer targetScaling, Network network) {
        Map<String, INDArray> params = targetScaling.params();
        INDArray scale = params.get("scale");
        if (scale == null || scale.length() != network.outputSize()) {
            throw new ConfigurationException("target scaling '" + targetScaling.spec() + "' has parameters " + params.keySet()
                    + "; the gradient of its inverse needs a 'scale' of " + network.outputSize() + " values");
        }
        return scale.reshape(1, network.outputSize()).castTo(network.dataType()).dup();
    }

    /**
     * ∂ŷ_{c_n}/∂x_n for each row n (or ∂z_{c_n}/∂x_n with {@code logits}), x raw, in a new N × F array.
     *
     * @throws DataException if the classes are not one per row, each in [0, C)
     */
    INDArray gradient(INDArray x, int[] classes, boolean logits) {
        int outputs = network.outputSize();
        if (classes.length != x.rows()) {
            throw new DataException("the gradient needs one class per row: " + x.rows() + " rows, " + classes.length + " classes");
        }
        INDArray seed = Nd4j.zeros(network.dataType(), x.rows(), outputs);
        for (int n = 0; n < classes.length; n++) {
            if (classes[n] < 0 || classes[n] >= outputs) {
                throw new DataException("row " + n + ": class " + classes[n] + " is not an output of the model (0 … " + (outputs - 1) + ")");
            }
            seed.putScalar(n, classes[n], 1.0);
        }
        if (targetScale != null && !logits) {
            seed.muliRowVector(targetScale);
        }
        INDArray input = x.castTo(network.dataType()).dup();
        if (scaling != null) {
            input.subiRowVector(scaling.shift()).diviRowVector(scaling.scale());
        }
        INDArray gradient = run(input, seed, logits);
        if (scaling != null) {
            gradient.diviRowVector(scaling.scale());
        }
        input.close();
        seed.close();
        return gradient;
    }

    /** The network's input gradient on a borrowed gradient replica, copied out of the replica's buffer. */
    private INDArray run(INDArray input, INDArray seed, boolean logits) {
        permits.acquireUninterruptibly();
        try {
            if (closed) {
                throw new IllegalStateException("this Predictor is closed");
            }
            Network replica = idle.poll();
            if (replica == null) {
                replica = network.gradientReplica();
                all.add(replica);
            }
            try {
                return replica.inputGradient(input, seed, logits).dup();
            } finally {
                idle.offer(replica);
            }
        } finally {
            permits.release();
        }
    }

    /** Waits for the calls in flight, then releases the replicas' native memory; later calls fail. */
    void close() {
        closed = true;
        permits.acquireUninterruptibly(concurrency);
        all.forEach(Network::close);
        all.clear();
        idle.clear();
        if (targetScale != null) {
            targetScale.close();
        }
        permits.release(concurrency);
    }
}
