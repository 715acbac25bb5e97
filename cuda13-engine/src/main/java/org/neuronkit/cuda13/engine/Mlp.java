package org.neuronkit.cuda13.engine;

/**
 * An {@link MlpSpec} network living in one {@link Ops}' memory, and its training step.
 *
 * <p>Forward, layer l = 1 … L: Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + b⁽ˡ⁾ (one GEMM, then the bias-and-activation kernel),
 * A⁽ˡ⁾ = f_l(Z⁽ˡ⁾); the output keeps Z⁽ᴸ⁾ as logits. Loss: softmax + cross-entropy, δ⁽ᴸ⁾ = (p − y)/N.
 * Backward: ∂R/∂W⁽ˡ⁾ = δ⁽ˡ⁾ᵀ A⁽ˡ⁻¹⁾, ∂R/∂b⁽ˡ⁾ = Σ_rows δ⁽ˡ⁾, δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾ W⁽ˡ⁾) ⊙ f′(Z⁽ˡ⁻¹⁾); then
 * λW on the weight region, the finite check, and the optimizer's update of the flat buffer.
 *
 * <p>No step waits for the device: the loss sum, the number of correct predictions and the first
 * non-finite update accumulate in device memory and are read by {@link #takeTotals()}.
 *
 * <p>Its buffers belong to the {@link Ops} and are freed when that closes.
 *
 * <h2>Shapes</h2>
 * x is rows × {@code spec.inputs()} (rows ≤ maxRows), labels rows class indices.
 */
public final class Mlp {
    private final Ops ops;
    private final MlpSpec spec;
    private final OptimizerSpec optimizer;
    private final int maxRows;
    private final Buffer parameters;
    private final Buffer gradients;
    private final Buffer first;
    private final Buffer second;
    private final Buffer[] z;
    private final Buffer[] a;
    private final Buffer[] delta;
    private final Buffer sums;
    private final Buffer counts;
    private final Buffer bad;
    private int updates;

    public Mlp(Ops ops, MlpSpec spec, OptimizerSpec optimizer, float[] initialParameters, int maxRows) {
        if (initialParameters.length != spec.parameterCount()) {
            throw new IllegalArgumentException(spec.describe() + " has " + spec.parameterCount() + " parameters, got "
                    + initialParameters.length);
        }
        this.ops = ops;
        this.spec = spec;
        this.optimizer = optimizer;
        this.maxRows = maxRows;
        long n = spec.parameterCount();
        parameters = ops.floats(n);
        ops.upload(initialParameters, parameters);
        gradients = ops.floats(n);
        first = optimizer.kind() == OptimizerSpec.Kind.SGD ? null : ops.floats(n);
        second = optimizer.kind() == OptimizerSpec.Kind.ADAM ? ops.floats(n) : null;
        int layers = spec.layers();
        z = new Buffer[layers];
        a = new Buffer[layers];
        delta = new Buffer[layers];
        for (int l = 0; l < layers; l++) {
            long size = (long) maxRows * spec.sizes()[l + 1];
            z[l] = ops.floats(size);
            a[l] = l < layers - 1 ? ops.floats(size) : z[l];
            delta[l] = ops.floats(size);
        }
        sums = ops.floats(1);
        counts = ops.ints(2);
        bad = ops.ints(1);
        resetTotals();
    }

    public MlpSpec spec() {
        return spec;
    }

    /** Updates done so far (Adam's t). */
    public int updates() {
        return updates;
    }

    private Buffer weights(int l) {
        return parameters.slice(spec.weightOffset(l), (long) spec.sizes()[l] * spec.sizes()[l + 1]);
    }

    private Buffer bias(int l) {
        return parameters.slice(spec.biasOffset(l), spec.sizes()[l + 1]);
    }

    private Buffer weightGradient(int l) {
        return gradients.slice(spec.weightOffset(l), (long) spec.sizes()[l] * spec.sizes()[l + 1]);
    }

    private Buffer biasGradient(int l) {
        return gradients.slice(spec.biasOffset(l), spec.sizes()[l + 1]);
    }

    private void forward(Buffer x, int rows) {
        if (rows > maxRows) {
            throw new IllegalArgumentException("a batch of " + rows + " rows; this network was set up for at most " + maxRows);
        }
        Buffer input = x;
        for (int l = 0; l < spec.layers(); l++) {
            int in = spec.sizes()[l];
            int out = spec.sizes()[l + 1];
            ops.gemm(false, true, rows, out, in, input, weights(l), z[l]);
            HiddenActivation f = l < spec.layers() - 1 ? spec.activations().get(l) : HiddenActivation.identity();
            ops.biasActivation(f, z[l], bias(l), a[l], rows, out);
            input = a[l];
        }
    }

    /**
     * One training step on a batch: forward, loss, backward, L2, finite check, update. Adds the batch's
     * risk × rows and its correct predictions to the totals.
     */
    public void step(Buffer x, Buffer labels, int rows) {
        forward(x, rows);
        int last = spec.layers() - 1;
        ops.softmaxCrossEntropy(z[last], labels, delta[last], rows, spec.classes(), sums, counts);
        for (int l = last; l >= 0; l--) {
            int in = spec.sizes()[l];
            int out = spec.sizes()[l + 1];
            Buffer input = l == 0 ? x : a[l - 1];
            ops.gemm(true, false, out, in, rows, delta[l], input, weightGradient(l));
            ops.columnSums(delta[l], biasGradient(l), rows, out);
            if (l > 0) {
                ops.gemm(false, false, rows, in, out, delta[l], weights(l), delta[l - 1]);
                ops.activationBackward(spec.activations().get(l - 1), z[l - 1], a[l - 1], delta[l - 1], delta[l - 1], (long) rows * in);
            }
        }
        long weightCount = spec.weightCount();
        if (spec.l2() > 0) {
            ops.l2Penalty(parameters.slice(0, weightCount), gradients.slice(0, weightCount), (float) spec.l2(), weightCount, sums, rows);
        }
        updates++;
        long n = spec.parameterCount();
        ops.finiteCheck(gradients, n, counts, updates, bad);
        float lr = (float) optimizer.learningRate();
        switch (optimizer.kind()) {
            case SGD -> ops.sgd(parameters, gradients, lr, n, bad);
            case MOMENTUM -> ops.momentum(parameters, gradients, first, lr, (float) optimizer.momentum(), n, bad);
            case ADAM -> ops.adam(parameters, gradients, first, second, (float) optimizer.adamRate(updates),
                    (float) optimizer.beta1(), (float) optimizer.beta2(), (float) optimizer.epsilon(), n, bad);
        }
    }

    /** Forward and loss over rows in chunks of at most maxRows, adding loss sums and correct counts to the totals. */
    public void evaluate(Buffer x, Buffer labels, int rows) {
        int last = spec.layers() - 1;
        for (int from = 0; from < rows; from += maxRows) {
            int n = Math.min(maxRows, rows - from);
            forward(x.slice((long) from * spec.inputs(), (long) n * spec.inputs()), n);
            ops.softmaxCrossEntropy(z[last], labels.slice(from, n), null, n, spec.classes(), sums, counts);
        }
    }

    /** The sums since the last call (waits for the device), and resets them; the bad step is kept. */
    public Totals takeTotals() {
        float[] loss = new float[1];
        int[] count = new int[2];
        int[] badStep = new int[1];
        ops.download(sums, loss);
        ops.download(counts, count);
        ops.download(bad, badStep);
        resetTotals();
        ops.upload(badStep, bad);
        return new Totals(loss[0], count[0], badStep[0] == Ops.NO_BAD_STEP ? 0 : badStep[0]);
    }

    private void resetTotals() {
        ops.upload(new float[1], sums);
        ops.upload(new int[2], counts);
        ops.upload(new int[] {Ops.NO_BAD_STEP}, bad);
    }

    /** The flat parameters, copied to the host. */
    public float[] parameters() {
        float[] out = new float[Math.toIntExact(spec.parameterCount())];
        ops.download(parameters, out);
        return out;
    }

    /** The gradient buffer of the last step, copied to the host. */
    public float[] gradients() {
        float[] out = new float[Math.toIntExact(spec.parameterCount())];
        ops.download(gradients, out);
        return out;
    }

    /**
     * Sums since the last {@link #takeTotals()}: Σ risk × rows (the loss, plus the L2 term in training),
     * correct predictions, and the first update (from 1) whose loss or gradient was not finite, 0 if none.
     */
    public record Totals(double riskSum, long correct, int badUpdate) {
    }
}
