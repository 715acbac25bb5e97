package org.neuronkit.spark;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.optim.Optimizer;

/**
 * A network's flat parameter vector followed by its optimizer's state (for Adam: the moments m and v,
 * each as long as the parameters, and the step count t), as one float vector: what local-steps
 * training (H &gt; 1) broadcasts and averages, so that every partition continues from the same
 * optimizer state.
 *
 * <h2>Shapes</h2>
 * the vector has P + Σ (length of each state array) entries, P = the parameter count.
 */
final class FlatState {
    private final List<INDArray> parts = new ArrayList<>();

    /** The live arrays of {@code parameters} and of {@code optimizer}'s state (allocated here if needed). */
    FlatState(INDArray parameters, Optimizer optimizer) {
        optimizer.prepare(parameters);
        parts.add(parameters);
        parts.addAll(optimizer.state().values());
    }

    long length() {
        long n = 0;
        for (INDArray part : parts) {
            n += part.length();
        }
        return n;
    }

    /** The current values as one float vector. */
    float[] read() {
        float[] out = new float[Math.toIntExact(length())];
        int offset = 0;
        for (INDArray part : parts) {
            float[] values = part.dataType() == DataType.FLOAT ? part.reshape(part.length()).toFloatVector()
                    : part.reshape(part.length()).castTo(DataType.FLOAT).toFloatVector();
            System.arraycopy(values, 0, out, offset, values.length);
            offset += values.length;
        }
        return out;
    }

    /** Assigns {@code values} (laid out as {@link #read()}) into the live arrays, cast to their types. */
    void write(float[] values) {
        int offset = 0;
        for (INDArray part : parts) {
            int n = Math.toIntExact(part.length());
            float[] slice = java.util.Arrays.copyOfRange(values, offset, offset + n);
            INDArray source = Nd4j.createFromArray(slice);
            part.assign(source.reshape(part.shape()).castTo(part.dataType()));
            source.close();
            offset += n;
        }
    }

    /** Releases the optimizer state's native buffers (the parameters belong to the network, which closes them). */
    void closeOptimizerState() {
        parts.subList(1, parts.size()).forEach(INDArray::close);
    }

    /** Assigns {@code values} into {@code target} (a flat vector of as many entries). */
    static void assign(INDArray target, float[] values) {
        INDArray source = Nd4j.createFromArray(values);
        target.assign(source);
        source.close();
    }
}
