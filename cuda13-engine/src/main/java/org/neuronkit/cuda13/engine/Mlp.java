package org.neuronkit.cuda13.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuronkit.cuda13.api.EpochTotals;

/**
 * An {@link MlpSpec} network living in one {@link Ops}' memory, and its training step.
 *
 * <p>Forward, layer l = 1 … L: Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾ W⁽ˡ⁾ᵀ + b⁽ˡ⁾ (one GEMM, then the bias-and-activation kernel),
 * A⁽ˡ⁾ = f_l(Z⁽ˡ⁾); the output keeps Z⁽ᴸ⁾ and the loss kernel applies the output activation itself
 * ({@link LossForm}): δ⁽ᴸ⁾ = u (p − y)/N for the cross-entropies, f′(Z) ρ′(ŷ − y)/N for the residual losses.
 * Between a hidden layer's A⁽ˡ⁾ and the next GEMM run its {@link SameWidthLayer}s (dropout, batch norm), and the next
 * layer's input is their output.
 * Backward: ∂R/∂W⁽ˡ⁾ = δ⁽ˡ⁾ᵀ A⁽ˡ⁻¹⁾, ∂R/∂b⁽ˡ⁾ = Σ_rows δ⁽ˡ⁾, δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾ W⁽ˡ⁾) ⊙ f′(Z⁽ˡ⁻¹⁾), with the
 * same-width layers' backward (their masks; batch norm's ∂R/∂γ, ∂R/∂β) between the GEMM and f′; then
 * λ₂W + λ₁ sign(W) on the weight region, the finite check, the gradient clipping (by value, then by global norm,
 * as nn-core's GradientClipping) and the optimizer's update of the flat buffer.
 *
 * <p>No step waits for the device, and no step's launches differ from another's (so that a step can be
 * captured once and replayed): the loss sum, the number of correct predictions and the first non-finite
 * step accumulate in device memory and are read by {@link #takeTotals}; the learning rate of step s
 * and Adam's t come from device memory too (the step clock, {@link Ops#beginStep}, and the epoch's rates,
 * {@link #startEpoch}).
 *
 * <p>Its buffers belong to the {@link Ops} and are freed when that closes.
 *
 * <h2>Shapes</h2>
 * x is rows × {@code spec.inputs()} (rows ≤ maxRows); labels rows × {@code spec.targetColumns()}: class indices, or
 * regression targets.
 */
public final class Mlp {
    private final Ops ops;
    private final MlpSpec spec;
    private final UpdateKind.Update update;
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
    private final Buffer clock;
    private final Buffer firstRisk;
    private final Buffer norm;
    private final Buffer classWeights;
    /** Per same-width layer k: its output, dropout's mask or batch norm's x̂, and batch norm's 1/√(σ²_B + ε). */
    private final Buffer[] sameOut;
    private final Buffer[] sameSaved;
    private final Buffer[] sameStats;
    /** The input of each dense layer in the last forward pass (x, a hidden output, or the last same-width output after it). */
    private final Buffer[] layerInput;
    private Buffer rates;
    private int updates;
    /** The name of the update count in {@link #optimizerState()}, as nn-core's Adam names its t. */
    public static final String STEP = "step";

    public Mlp(Ops ops, MlpSpec spec, UpdateKind.Update update, float[] initialParameters, int maxRows) {
        if (initialParameters.length != spec.parameterCount()) {
            throw new IllegalArgumentException(spec.describe() + " has " + spec.parameterCount() + " parameters, got "
                    + initialParameters.length);
        }
        this.ops = ops;
        this.spec = spec;
        this.update = update;
        this.maxRows = maxRows;
        long n = spec.parameterCount();
        parameters = ops.floats(n);
        ops.upload(initialParameters, parameters);
        gradients = ops.floats(n);
        first = update.kind().stateBuffers() > 0 ? ops.floats(n) : null;
        second = update.kind().stateBuffers() > 1 ? ops.floats(n) : null;
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
        int extra = spec.sameWidth().size();
        sameOut = new Buffer[extra];
        sameSaved = new Buffer[extra];
        sameStats = new Buffer[extra];
        for (int k = 0; k < extra; k++) {
            long size = (long) maxRows * spec.width(k);
            sameOut[k] = ops.floats(size);
            sameSaved[k] = ops.floats(size);
            sameStats[k] = ops.floats(spec.width(k));
        }
        layerInput = new Buffer[layers];
        sums = ops.floats(1);
        counts = ops.ints(2);
        bad = ops.ints(1);
        clock = ops.ints(2);
        firstRisk = ops.floats(1);
        norm = ops.floats(1);
        float[] weights = spec.loss().classWeights();
        classWeights = weights == null ? null : ops.floats(weights.length);
        if (classWeights != null) {
            ops.upload(weights, classWeights);
        }
        rates = ops.floats(1);
        resetTotals();
    }

    public MlpSpec spec() {
        return spec;
    }

    /** Updates done so far (Adam's t). */
    public int updates() {
        return updates;
    }

    /**
     * Starts an epoch: its steps s = 1, 2, … will use {@code stepRates[s − 1]} as the learning rate (one
     * upload; a schedule changes nothing else), and the step clock's epoch count restarts.
     */
    public void startEpoch(float[] stepRates) {
        if (rates.length() < stepRates.length) {
            rates = ops.floats(stepRates.length);
        }
        ops.upload(stepRates, rates);
        ops.upload(new int[] {updates, 0}, clock);
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

    /** γ, β, μ_run, σ²_run of same-width layer k (a batch norm). */
    private Buffer normParameters(int k) {
        return parameters.slice(spec.normOffset(k), 4L * spec.width(k));
    }

    /**
     * Forward through every layer; in training (the steps) dropout draws this step's masks and batch norm uses the
     * batch's statistics and moves its running averages, in evaluation dropout is the identity and batch norm uses
     * the running averages.
     */
    private void forward(Buffer x, int rows, boolean training) {
        if (rows > maxRows) {
            throw new IllegalArgumentException("a batch of " + rows + " rows; this network was set up for at most " + maxRows);
        }
        Buffer input = x;
        for (int l = 0; l < spec.layers(); l++) {
            int in = spec.sizes()[l];
            int out = spec.sizes()[l + 1];
            layerInput[l] = input;
            ops.gemm(false, true, rows, out, in, input, weights(l), z[l]);
            HiddenActivation f = l < spec.layers() - 1 ? spec.activations().get(l) : HiddenActivation.identity(); // the loss applies the output's own
            ops.biasActivation(f, z[l], bias(l), a[l], rows, out);
            input = a[l];
            for (int k = 0; k < spec.sameWidth().size(); k++) {
                if (spec.sameWidth().get(k).after() == l) {
                    input = sameWidthForward(k, input, rows, training);
                }
            }
        }
    }

    /** Same-width layer k on {@code input} (rows × its width); returns its output. */
    private Buffer sameWidthForward(int k, Buffer input, int rows, boolean training) {
        SameWidthLayer layer = spec.sameWidth().get(k);
        int width = spec.width(k);
        if (layer.kind() == SameWidthLayer.Kind.DROPOUT) {
            if (!training) {
                return input;
            }
            ops.dropoutForward(layer.seed() + 0x9E3779B97F4A7C15L * k, layer.rate(), clock, input, sameSaved[k], sameOut[k], (long) rows * width);
        } else if (training) {
            ops.batchNormForward(input, normParameters(k), sameSaved[k], sameOut[k], sameStats[k], rows, width, layer.momentum(), layer.epsilon(), bad);
        } else {
            ops.batchNormInference(input, normParameters(k), sameOut[k], rows, width, layer.epsilon());
        }
        return sameOut[k];
    }

    /** δ, the gradient of the same-width layers' last output after dense layer l, back to their input, in place. */
    private void sameWidthBackward(int l, Buffer delta, int rows) {
        for (int k = spec.sameWidth().size() - 1; k >= 0; k--) {
            SameWidthLayer layer = spec.sameWidth().get(k);
            if (layer.after() != l) {
                continue;
            }
            int width = spec.width(k);
            if (layer.kind() == SameWidthLayer.Kind.DROPOUT) {
                ops.dropoutBackward(sameSaved[k], delta, delta, (long) rows * width);
            } else {
                ops.batchNormBackward(delta, sameSaved[k], normParameters(k), sameStats[k], gradients.slice(spec.normOffset(k), 2L * width), delta,
                        rows, width);
            }
        }
    }

    /**
     * One training step on a batch: forward, loss, backward, L1/L2, finite check, update, at the learning rate
     * {@link #startEpoch} gave for this step. Adds the batch's risk × rows and its correct predictions to the
     * totals.
     */
    public void step(Buffer x, Buffer labels, int rows) {
        countUpdate();
        ops.beginStep(clock, norm);
        stepBody(x, labels, rows);
    }

    /** Counts an update on the host (Adam's t, kept beside the device's clock); not part of a captured step. */
    public void countUpdate() {
        updates++;
    }

    /**
     * The device's part of one step of an epoch, the same launches at every step of the same rows (so that
     * {@link StepGraphs} can capture it once and replay it): the clock advances, the minibatch of the clock's
     * step is gathered from {@code set} in the order {@code index} into {@code batch}, then the step itself.
     * The host's {@link #countUpdate()} goes with each run.
     */
    public void epochStep(DeviceData set, Buffer index, DeviceData batch, int rows) {
        ops.beginStep(clock, norm);
        ops.gatherRows(set.features(), set.targets(), index, clock, batch.rows(), batch.features(), batch.targets(), rows, set.cols(),
                set.targetCols());
        stepBody(batch.features(), batch.targets(), rows);
    }

    /** The buffers a step reads besides the network's own: the epoch's learning rates. */
    List<Object> stepBuffers() {
        return List.of(rates);
    }

    private void stepBody(Buffer x, Buffer labels, int rows) {
        forward(x, rows, true);
        int last = spec.layers() - 1;
        loss(z[last], labels, delta[last], rows);
        for (int l = last; l >= 0; l--) {
            int in = spec.sizes()[l];
            int out = spec.sizes()[l + 1];
            ops.gemm(true, false, out, in, rows, delta[l], layerInput[l], weightGradient(l));
            ops.columnSums(delta[l], biasGradient(l), rows, out);
            if (l > 0) {
                ops.gemm(false, false, rows, in, out, delta[l], weights(l), delta[l - 1]);
                sameWidthBackward(l - 1, delta[l - 1], rows);
                ops.activationBackward(spec.activations().get(l - 1), z[l - 1], a[l - 1], delta[l - 1], delta[l - 1], (long) rows * in);
            }
        }
        long weightCount = spec.weightCount();
        if (spec.l1() > 0 || spec.l2() > 0) {
            ops.penalty(parameters.slice(0, weightCount), gradients.slice(0, weightCount), (float) spec.l1(), (float) spec.l2(), weightCount,
                    sums, rows);
        }
        ops.noteFirstRisk(sums, clock, rows, firstRisk);
        long n = spec.parameterCount();
        ops.finiteCheck(gradients, n, counts, clock, bad);
        if (update.clips()) {
            ops.clipByValue(gradients, n, update.clipValue(), norm);
            if (update.clipNorm() < Float.POSITIVE_INFINITY) {
                ops.clipByNorm(gradients, n, update.clipNorm(), norm);
            }
        }
        ops.update(update, parameters, gradients, first, second, rates, clock, n, bad);
    }

    /** Forward and loss over rows in chunks of at most maxRows, adding loss sums and correct counts to the totals. */
    public void evaluate(Buffer x, Buffer labels, int rows) {
        int last = spec.layers() - 1;
        for (int from = 0; from < rows; from += maxRows) {
            int n = Math.min(maxRows, rows - from);
            forward(x.slice((long) from * spec.inputs(), (long) n * spec.inputs()), n, false);
            loss(z[last], labels.slice((long) from * spec.targetColumns(), (long) n * spec.targetColumns()), null, n);
        }
    }

    /** The loss of the logits z against the targets into the totals, and δ = ∂R/∂z unless delta is null. */
    private void loss(Buffer logits, Buffer targets, Buffer delta, int rows) {
        LossForm loss = spec.loss();
        switch (loss.kind()) {
            case SOFTMAX_CROSS_ENTROPY -> ops.softmaxCrossEntropy(logits, targets, classWeights, delta, rows, spec.classes(), sums, counts);
            case LOGISTIC_CROSS_ENTROPY -> ops.logisticCrossEntropy(logits, targets, classWeights, delta, rows, spec.classes(), sums, counts);
            default -> ops.residualLoss(loss.kind(), loss.parameter(), loss.output(), logits, targets, delta, rows, spec.classes(), sums, counts);
        }
    }

    /**
     * The sums since the last call over {@code rows} rows (waits for the device), and resets them: Σ risk × rows
     * (the loss, plus the L1/L2 terms in training), correct predictions, the risk of the epoch's first step (NaN
     * when none ran) and the first step of the epoch (from 1) whose loss or gradient was not finite, 0 if none.
     */
    public EpochTotals takeTotals(int rows) {
        float[] loss = new float[1];
        float[] first = new float[1];
        int[] count = new int[2];
        int[] badStep = new int[1];
        ops.download(sums, loss);
        ops.download(firstRisk, first);
        ops.download(counts, count);
        ops.download(bad, badStep);
        resetTotals();
        return new EpochTotals(loss[0], count[0], rows, first[0], badStep[0] == Ops.NO_BAD_STEP ? 0 : badStep[0]);
    }

    private void resetTotals() {
        ops.upload(new float[1], sums);
        ops.upload(new int[2], counts);
        ops.upload(new int[] {Ops.NO_BAD_STEP}, bad);
        ops.upload(new float[] {Float.NaN}, firstRisk);
    }

    /** Replaces the flat parameters. */
    public void setParameters(float[] values) {
        if (values.length != spec.parameterCount()) {
            throw new IllegalArgumentException(spec.describe() + " has " + spec.parameterCount() + " parameters, got " + values.length);
        }
        ops.upload(values, parameters);
    }

    /** The flat parameters, copied to the host. */
    public float[] parameters() {
        float[] out = new float[Math.toIntExact(spec.parameterCount())];
        ops.download(parameters, out);
        return out;
    }

    /** The optimizer's state buffers by {@link UpdateKind#stateNames()}, and {@code step}: the updates done. */
    public Map<String, float[]> optimizerState() {
        Map<String, float[]> state = new LinkedHashMap<>();
        Buffer[] buffers = {first, second};
        for (int i = 0; i < update.kind().stateBuffers(); i++) {
            float[] values = new float[Math.toIntExact(spec.parameterCount())];
            ops.download(buffers[i], values);
            state.put(update.kind().stateNames().get(i), values);
        }
        state.put(STEP, new float[] {updates});
        return state;
    }

    /** Replaces the state {@link #optimizerState()} gives; a missing or misshaped array is named. */
    public void setOptimizerState(Map<String, float[]> state) {
        Buffer[] buffers = {first, second};
        for (int i = 0; i < update.kind().stateBuffers(); i++) {
            String name = update.kind().stateNames().get(i);
            float[] values = state.get(name);
            if (values == null || values.length != spec.parameterCount()) {
                throw new IllegalArgumentException(update.kind().registryName() + "'s state '" + name + "' needs " + spec.parameterCount()
                        + " values, got " + (values == null ? "none" : values.length));
            }
            ops.upload(values, buffers[i]);
        }
        float[] step = state.get(STEP);
        updates = step == null ? 0 : Math.round(step[0]);
    }

    /** The gradient buffer of the last step, copied to the host. */
    public float[] gradients() {
        float[] out = new float[Math.toIntExact(spec.parameterCount())];
        ops.download(gradients, out);
        return out;
    }
}
