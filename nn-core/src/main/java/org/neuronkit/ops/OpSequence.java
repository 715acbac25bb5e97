package org.neuronkit.ops;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The native ops one pass of a class runs (an activation's forward pass, a layer's backward pass, an
 * optimizer step), in the order it runs them. The i-th op of a pass reuses slot i ({@link OpSlot}):
 * its native context is built once, re-pointed when an array changes (a new input batch, the last,
 * shorter batch of an epoch) and re-run as it is otherwise. So code reads like its formula,
 * <pre>{@code
 * OpSequence ops = forwardOps.begin();     // a' = 1 − a² for tanh
 * ops.mul(a, a, out);
 * ops.rsub(1, out, out);
 * }</pre>
 * and a steady-state pass allocates no native memory, whatever arrays it is given.
 *
 * <p>Every pass starts with {@link #begin()}. A pass whose ops come in another order than last time
 * stays correct: a slot whose op name changed builds its context anew. Scalars are plain doubles.
 * Element-wise ops broadcast as libnd4j does (a scalar or a row against a matrix) and may write into
 * one of their inputs. Not thread-safe: one sequence serves one pass of one object at a time.
 */
public final class OpSequence {
    private static final int LIMIT = 512;
    private final List<OpSlot> slots = new ArrayList<>();
    private int next;

    /** Starts a pass: the next op reuses the first slot. */
    public OpSequence begin() {
        next = 0;
        return this;
    }

    /**
     * The next op of the pass, by its libnd4j name, for ops without a typed method here: give its
     * arrays and arguments in libnd4j's order, then {@link OpSlot#run()}.
     */
    public OpSlot op(String name) {
        if (next == slots.size()) {
            if (next == LIMIT) {
                throw new IllegalStateException("an op sequence grew past " + LIMIT + " ops: a pass must start with begin()");
            }
            slots.add(new OpSlot());
        }
        return slots.get(next++).start(name);
    }

    /** Releases every slot's native context (the sequence stays usable and builds them again). */
    public void release() {
        slots.forEach(OpSlot::release);
        slots.clear();
        next = 0;
    }

    // ---- element-wise, out = f(in) ----

    /** An element-wise op without arguments by its libnd4j name ({@code tanh}, {@code sigmoid}, {@code log1p}, {@code hardtanh}, ...). */
    public void unary(String name, INDArray in, INDArray out) {
        op(name).in(in).out(out).run();
    }

    /** out = tanh(in). */
    public void tanh(INDArray in, INDArray out) {
        unary("tanh", in, out);
    }

    /** out = σ(in) = 1 / (1 + e^{−in}). */
    public void sigmoid(INDArray in, INDArray out) {
        unary("sigmoid", in, out);
    }

    /** out = max(in, 0). */
    public void relu(INDArray in, INDArray out) {
        op("relu").in(in).out(out).t(0).run();
    }

    /** out = cast(in) to out's data type (booleans become 0 and 1). */
    public void cast(INDArray in, INDArray out) {
        op("cast").in(in).out(out).i(out.dataType().toInt()).run();
    }

    // ---- element-wise, out = a ∘ b, with b an array or a scalar ----

    /** out = a ⊙ b. */
    public void mul(INDArray a, INDArray b, INDArray out) {
        binary("multiply", a, b, out);
    }

    /** out = a · s. */
    public void mul(INDArray a, double s, INDArray out) {
        binary("multiply", a, s, out);
    }

    /** out = a / b element by element. */
    public void div(INDArray a, INDArray b, INDArray out) {
        binary("divide", a, b, out);
    }

    /** out = a / s. */
    public void div(INDArray a, double s, INDArray out) {
        binary("divide", a, s, out);
    }

    /** out = a + b. */
    public void add(INDArray a, INDArray b, INDArray out) {
        binary("add", a, b, out);
    }

    /** out = a + s. */
    public void add(INDArray a, double s, INDArray out) {
        binary("add", a, s, out);
    }

    /** out = a − b. */
    public void sub(INDArray a, INDArray b, INDArray out) {
        binary("subtract", a, b, out);
    }

    /** out = s − a. */
    public void rsub(double s, INDArray a, INDArray out) {
        binary("reversesubtract", a, s, out);
    }

    /** out = max(a, b) element by element. */
    public void max(INDArray a, INDArray b, INDArray out) {
        binary("maximum", a, b, out);
    }

    /** out = max(a, s). */
    public void max(INDArray a, double s, INDArray out) {
        binary("maximum", a, s, out);
    }

    /** out = min(a, b) element by element. */
    public void min(INDArray a, INDArray b, INDArray out) {
        binary("minimum", a, b, out);
    }

    /** out = min(a, s). */
    public void min(INDArray a, double s, INDArray out) {
        binary("minimum", a, s, out);
    }

    // ---- comparisons into boolean arrays ----

    /** out = [a &gt; s]. */
    public void gt(INDArray a, double s, INDArray out) {
        binary("greater", a, s, out);
    }

    /** out = [a &lt; s]. */
    public void lt(INDArray a, double s, INDArray out) {
        binary("less", a, s, out);
    }

    /** out = [a ≥ b]. */
    public void ge(INDArray a, INDArray b, INDArray out) {
        binary("greater_equal", a, b, out);
    }

    /** out = [a = b]. */
    public void eq(INDArray a, INDArray b, INDArray out) {
        binary("equals", a, b, out);
    }

    /** out = a ∧ b. */
    public void and(INDArray a, INDArray b, INDArray out) {
        binary("boolean_and", a, b, out);
    }

    // ---- products and reductions ----

    /** c = op(a) op(b), where op transposes when asked; c is overwritten (α = 1, β = 0). */
    public void gemm(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        op("matmul").in(a).in(b).out(c).i(transposeA ? 1 : 0).i(transposeB ? 1 : 0).i(0).t(1).t(0).run();
    }

    /** c += op(a) op(b) (α = 1, β = 1): with c filled by {@link #fillRows} first, a GEMM and a bias in one pass over c. */
    public void gemmAdd(INDArray a, boolean transposeA, INDArray b, boolean transposeB, INDArray c) {
        op("matmul").in(a).in(b).out(c).i(transposeA ? 1 : 0).i(transposeB ? 1 : 0).i(0).t(1).t(1).run();
    }

    /** Every row of out (N × M) set to the row b (1 × M or M). */
    public void fillRows(INDArray b, INDArray out) {
        op("assign").in(out).in(b).out(out).run();
    }

    /** out = z + b with the row b (1 × M or M) added to every row of z (N × M). */
    public void addRow(INDArray z, INDArray b, INDArray out) {
        op("biasadd").in(z).in(b).out(out).b(false).run();
    }

    /** out_n = Σ_m in_nm: the sum of each row (out has N entries). */
    public void rowSum(INDArray in, INDArray out) {
        op("reduce_sum").in(in).out(out).i(1).run();
    }

    /** out_m = Σ_n in_nm: the sum of each column (out has M entries). */
    public void columnSum(INDArray in, INDArray out) {
        op("reduce_sum").in(in).out(out).i(0).run();
    }

    /** out_n = max_m in_nm. */
    public void rowMax(INDArray in, INDArray out) {
        op("reduce_max").in(in).out(out).i(1).run();
    }

    /** out_n = argmax_m in_nm (an integer array). */
    public void rowArgMax(INDArray in, INDArray out) {
        op("argmax").in(in).out(out).i(1).run();
    }

    /** out = Σ of all entries (a scalar array). */
    public void sum(INDArray in, INDArray out) {
        op("reduce_sum").in(in).out(out).run();
    }

    private void binary(String name, INDArray a, INDArray b, INDArray out) {
        op(name).in(a).in(b).out(out).run();
    }

    private void binary(String name, INDArray a, double s, INDArray out) {
        op(name).in(a).in(s).out(out).run();
    }
}
