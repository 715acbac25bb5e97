package org.neuronkit.serve;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.activation.FloatKernel;
import org.neuronkit.backend.HostGemm;
import org.neuronkit.layer.Dense;
import org.neuronkit.layer.Dropout;
import org.neuronkit.layer.Layer;
import org.neuronkit.network.Network;

/**
 * A network compiled for serving small batches without ND4J's op dispatch: per dense layer, one
 * matrix product through the backend's {@link HostGemm} and one Java pass of the activation's
 * {@link FloatKernel}, on buffers a {@link LeanRun} allocates once per batch size. Made once per
 * {@link Predictor}; immutable, so every replica's run shares it.
 *
 * <p>Per dense layer l, for a batch of N rows: the output rows are first filled with the bias b,
 * then Z = X Wᵀ + Z is one {@code sgemm} (β = 1, so the bias is added inside the product; for a
 * single row one {@code sgemv}, z = W x + z, which does not pack W), then a = f(Z) in place. Dropout is the identity in inference and adds no step. W and b are read from
 * the network's flat parameter buffer itself, so the plan sees later changes to the parameters, as
 * a {@link Network#replica() replica} does.
 *
 * <p>A network the plan cannot serve is refused by name ({@link Unservable}): a layer kind other
 * than dense and dropout (the message names the layer), an activation without a float kernel, a
 * network in another data type than FLOAT, or a backend without a {@link HostGemm}. The predictor
 * then serves every call through the ND4J path, with the same results.
 *
 * <h2>Shapes</h2>
 * X is N × F; layer l's W is out × in (row-major in the parameter buffer), b has out entries, its
 * output N × out. N ≤ {@link #maxRows()}.
 */
final class LeanPlan {

    /**
     * The most rows a call serves through the plan; larger batches take the ND4J path, whose
     * element-wise ops are vectorised where the plan's Java kernels are scalar. The default is where
     * {@code LeanCrossoverBenchmark} put the crossover, between 64 and 256 rows (docs/serving.md, "The
     * crossover", says how reliable that is); the system property {@code neuronkit.leanMaxRows} sets
     * it (0: every call through ND4J).
     */
    static final int MAX_ROWS = Integer.getInteger("neuronkit.leanMaxRows", 64);

    /** Why a network is not served by the plan. */
    static final class Unservable extends Exception {
        Unservable(String reason) {
            super(reason);
        }
    }

    /** One dense layer: its sizes, W's place in the parameters, b's offset, and f. */
    record Step(int in, int out, FloatPointer weights, int biasOffset, FloatKernel activation) {
    }

    private final HostGemm gemm;
    private final FloatBuffer parameters;
    private final List<Step> steps;
    private final float[] shift;
    private final float[] scale;
    private final int inputs;

    private LeanPlan(HostGemm gemm, FloatBuffer parameters, List<Step> steps, float[] shift, float[] scale, int inputs) {
        this.gemm = gemm;
        this.parameters = parameters;
        this.steps = steps;
        this.shift = shift;
        this.scale = scale;
        this.inputs = inputs;
    }

    /**
     * The plan for {@code network}, whose inputs go through {@code scaling} (null for none), with
     * products run by {@code gemm} (null when the backend has none).
     *
     * @throws Unservable naming the layer, activation, data type or missing GEMM the plan cannot serve
     */
    static LeanPlan compile(Network network, InputScaling scaling, HostGemm gemm) throws Unservable {
        if (gemm == null) {
            throw new Unservable("the backend offers no host GEMM (org.neuronkit.backend.HostGemm)");
        }
        if (network.dataType() != DataType.FLOAT) {
            throw new Unservable("the network computes in " + network.dataType() + ", the lean path in FLOAT");
        }
        INDArray flat = network.parameters();
        if (flat.offset() != 0 || flat.length() > Integer.MAX_VALUE) {
            throw new Unservable("the parameter buffer is a view or longer than 2³¹ values");
        }
        FloatPointer base = new FloatPointer(flat.data().addressPointer()).capacity(flat.length());
        List<Step> steps = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer instanceof Dropout) {
                continue;
            }
            if (!(layer instanceof Dense)) {
                throw new Unservable("layer " + layer.describe() + " has no lean form");
            }
            Dense dense = (Dense) layer;
            FloatKernel kernel = dense.activation().floatKernel();
            if (kernel == null) {
                throw new Unservable("layer " + layer.describe() + ": activation " + dense.activation().spec()
                        + " has no float kernel");
            }
            FloatPointer weights = new FloatPointer(base).position(dense.weights().offset());
            steps.add(new Step(dense.inputSize(), dense.outputSize(), weights, (int) dense.bias().offset(), kernel));
        }
        float[] shift = scaling == null ? null : scaling.shift().toFloatVector();
        float[] scale = scaling == null ? null : scaling.scale().toFloatVector();
        return new LeanPlan(gemm, base.asBuffer(), List.copyOf(steps), shift, scale, network.inputSize());
    }

    /** The widths of the buffers a run needs: the input, then each step's output. */
    int[] widths() {
        int[] widths = new int[steps.size() + 1];
        widths[0] = inputs;
        for (int s = 0; s < steps.size(); s++) {
            widths[s + 1] = steps.get(s).out();
        }
        return widths;
    }

    /**
     * Runs the plan on the N rows of {@code buffers[0]} (raw inputs, normalised here in place),
     * writing each step's output into the next buffer; the last holds ŷ (N × C).
     */
    void run(int rows, FloatPointer[] pointers, FloatBuffer[] buffers) {
        if (shift != null) {
            normalise(buffers[0], rows);
        }
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            FloatBuffer z = buffers[s + 1];
            for (int r = 0; r < rows; r++) {
                z.put(r * step.out(), parameters, step.biasOffset(), step.out());
            }
            if (rows == 1) {
                gemm.sgemv(step.out(), step.in(), 1f, step.weights(), step.in(), pointers[s], 1f, pointers[s + 1]);
            } else {
                gemm.sgemm(false, true, rows, step.out(), step.in(), 1f, pointers[s], step.in(), step.weights(), step.in(),
                        1f, pointers[s + 1], step.out());
            }
            step.activation().apply(z, rows, step.out());
        }
    }

    /** x′ = (x − shift) / scale on each of the N rows, as {@link Replica}'s ND4J ops compute it. */
    private void normalise(FloatBuffer x, int rows) {
        for (int r = 0, i = 0; r < rows; r++) {
            for (int j = 0; j < inputs; j++, i++) {
                x.put(i, (x.get(i) - shift[j]) / scale[j]);
            }
        }
    }
}
