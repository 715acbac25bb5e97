package org.neuronkit.serve;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.network.Network;
import org.neuronkit.ops.OpSequence;

/**
 * What one {@link Predictor} call needs to itself: a {@link Network#replica()} sharing the model's
 * parameters, and buffers for a batch of N rows: the input x′ (N × F), into which the caller's x is
 * copied (and cast to the network's data type), then normalised in place, x′ = (x − shift) / scale,
 * when the model has a normaliser; and the arg-max of each output row (N). Every step is an op of an
 * {@link OpSequence}, so a call with a batch size seen before builds no op and allocates nothing
 * native, whatever arrays it is given. Small batches run instead through the predictor's
 * {@link LeanPlan}, when it has one, on a {@link LeanRun} kept for the last batch size. Used by one
 * thread at a time.
 */
final class Replica {
    private final Network network;
    private final InputScaling scaling;
    private final LeanPlan plan;
    private final OpSequence inputOps = new OpSequence();
    private final OpSequence copyOps = new OpSequence();
    private final OpSequence argMaxOps = new OpSequence();
    private INDArray input;
    private INDArray classes;
    private LeanRun run;
    private long rows;

    /** @param plan the lean plan for small batches, or null to run every call through ND4J */
    Replica(Network network, InputScaling scaling, LeanPlan plan) {
        this.network = network;
        this.scaling = scaling;
        this.plan = plan;
    }

    /** The rows of the last call, or 0 before the first. */
    long rows() {
        return rows;
    }

    /** Whether {@code x} runs through the lean plan: there is one, x is small enough and can be copied. */
    boolean servesLean(Rows x) {
        return plan != null && x.count() <= LeanPlan.MAX_ROWS && x.copies();
    }

    /**
     * ŷ for x through the lean plan: the run's output buffer (N × C, row-major), valid until the next call.
     * The replica network is claimed while the plan reads the parameters, as its own computing methods claim it.
     */
    FloatBuffer lean(Rows x) {
        if (run == null || run.rows() != x.count()) {
            if (run != null) {
                run.close();
            }
            run = new LeanRun(plan, x.count());
        }
        rows = x.count();
        x.copyInto(run.input());
        network.claim(); // the plan reads the shared parameter buffer: a close of the network waits for the products
        try {
            return run.run();
        } finally {
            network.release();
        }
    }

    /** ŷ for x (N × F): the replica's output buffer (N × C), valid until its next call. */
    INDArray forward(INDArray x) {
        rows = x.rows();
        if (input == null || input.rows() != x.rows()) {
            releaseBuffers();
            input = Nd4j.create(network.dataType(), x.rows(), x.columns());
            classes = Nd4j.create(DataType.LONG, x.rows());
        }
        OpSequence ops = inputOps.begin();
        ops.cast(x, input);
        if (scaling != null) {
            ops.sub(input, scaling.shift(), input);
            ops.div(input, scaling.scale(), input);
        }
        return network.forward(input);
    }

    /** Copies ŷ for x into {@code out} (N × C, any floating-point type). */
    void outputInto(INDArray x, INDArray out) {
        INDArray yHat = forward(x);
        copyOps.begin().cast(yHat, out);
    }

    /** The arg-max of each row of ŷ for x into {@code into}; fails on a row whose outputs are not finite ({@link Network#requireFiniteOutputs}). */
    void predict(INDArray x, int[] into) {
        INDArray yHat = Network.requireFiniteOutputs(forward(x));
        argMaxOps.begin().rowArgMax(yHat, classes);
        long[] values = classes.toLongVector();
        for (int i = 0; i < into.length; i++) {
            into[i] = (int) values[i];
        }
    }

    /** Releases the replica's own buffers and layers (the shared parameters stay). */
    void close() {
        releaseBuffers();
        inputOps.release();
        copyOps.release();
        argMaxOps.release();
        if (run != null) {
            run.close();
        }
        network.close();
    }

    private void releaseBuffers() {
        if (input != null) {
            input.close();
            classes.close();
        }
    }
}
