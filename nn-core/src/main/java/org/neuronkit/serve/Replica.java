package org.neuronkit.serve;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.network.Network;
import org.neuronkit.ops.CachedOp;

/**
 * What one {@link Predictor} call needs to itself: a {@link Network#replica()} sharing the model's
 * parameters, and buffers for a batch of N rows: the input x′ (N × F), into which the caller's x is
 * copied (and cast to the network's data type), then normalised in place, x′ = (x − shift) / scale,
 * when the model has a normaliser; and the arg-max of each output row (N). Every step is a
 * {@link CachedOp}, so a call with the same N, input and output arrays as the one before it builds
 * no op and allocates nothing native. Used by one thread at a time.
 */
final class Replica {
    private final Network network;
    private final InputScaling scaling;
    private final CachedOp copyIn = new CachedOp();
    private final CachedOp subtractShift = new CachedOp();
    private final CachedOp divideByScale = new CachedOp();
    private final CachedOp copyOut = new CachedOp();
    private final CachedOp argMax = new CachedOp();
    private INDArray input;
    private INDArray classes;

    Replica(Network network, InputScaling scaling) {
        this.network = network;
        this.scaling = scaling;
    }

    /** The rows of the buffers, or 0 before the first call. */
    long rows() {
        return input == null ? 0 : input.rows();
    }

    /** ŷ for x (N × F): the replica's output buffer (N × C), valid until its next call. */
    INDArray forward(INDArray x) {
        if (input == null || input.rows() != x.rows()) {
            releaseBuffers();
            input = Nd4j.create(network.dataType(), x.rows(), x.columns());
            classes = Nd4j.create(DataType.LONG, x.rows());
        }
        copyIn.runCast(x, input);
        if (scaling != null) {
            subtractShift.runBinary("subtract", input, scaling.shift(), input);
            divideByScale.runBinary("divide", input, scaling.scale(), input);
        }
        return network.forward(input);
    }

    /** Copies ŷ for x into {@code out} (N × C, any floating-point type). */
    void outputInto(INDArray x, INDArray out) {
        copyOut.runCast(forward(x), out);
    }

    /** The arg-max of each row of ŷ for x into {@code into}. */
    void predict(INDArray x, int[] into) {
        INDArray yHat = forward(x);
        if (argMax.stale(yHat, classes)) {
            argMax.prepare(DynamicCustomOp.builder("argmax").addInputs(yHat).addOutputs(classes).addIntegerArguments(1).build(),
                    yHat, classes);
        }
        argMax.run();
        long[] values = classes.toLongVector();
        for (int i = 0; i < into.length; i++) {
            into[i] = (int) values[i];
        }
    }

    /** Releases the replica's own buffers and layers (the shared parameters stay). */
    void close() {
        releaseBuffers();
        network.close();
    }

    private void releaseBuffers() {
        if (input != null) {
            input.close();
            classes.close();
        }
    }
}
