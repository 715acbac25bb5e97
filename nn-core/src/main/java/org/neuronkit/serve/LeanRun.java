package org.neuronkit.serve;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A {@link LeanPlan}'s buffers for batches of one size N, allocated once: the input (N × F) and each
 * step's output, as native memory that the GEMMs write and Java views that the kernels read. Used
 * by one thread at a time (its {@link Replica}'s caller).
 */
final class LeanRun {
    private final LeanPlan plan;
    private final int rows;
    private final FloatPointer[] pointers;
    private final FloatBuffer[] buffers;

    LeanRun(LeanPlan plan, int rows) {
        this.plan = plan;
        this.rows = rows;
        int[] widths = plan.widths();
        pointers = new FloatPointer[widths.length];
        buffers = new FloatBuffer[widths.length];
        for (int b = 0; b < widths.length; b++) {
            pointers[b] = new FloatPointer((long) rows * widths[b]);
            buffers[b] = pointers[b].asBuffer();
        }
    }

    /** N, the rows of the buffers. */
    int rows() {
        return rows;
    }

    /** The N × F input buffer, to be filled with raw rows before {@link #run()}. */
    FloatBuffer input() {
        return buffers[0];
    }

    /** Runs the plan on the input buffer; returns ŷ (N × C), valid until the next run. */
    FloatBuffer run() {
        plan.run(rows, pointers, buffers);
        return buffers[buffers.length - 1];
    }

    /** Frees the buffers. */
    void close() {
        for (FloatPointer pointer : pointers) {
            pointer.close();
        }
    }
}
