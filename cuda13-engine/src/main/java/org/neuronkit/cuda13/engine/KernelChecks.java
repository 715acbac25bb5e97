package org.neuronkit.cuda13.engine;

import java.util.Random;

/**
 * gpu-check's third part: every kernel, and the GEMM in the three forms a step uses, on random data on the
 * device against {@link ReferenceOps} on the same data. The error of element-wise results is
 * max |device − reference| / max(1, |reference|); of sums (GEMM, column sums) max |device − reference| / max |reference|,
 * since their summation order differs.
 */
final class KernelChecks {
    private final Ops device;
    private final Ops cpu = new ReferenceOps();
    private final CheckLog log;
    private final Random random = new Random(90);

    KernelChecks(Ops device, CheckLog log) {
        this.device = device;
        this.log = log;
    }

    /** Device and reference copies of the same values. */
    private record Pair(Buffer device, Buffer cpu, int n) {
    }

    private Pair floats(int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return floats(v);
    }

    private Pair floats(float[] v) {
        Pair p = new Pair(device.floats(v.length), cpu.floats(v.length), v.length);
        device.upload(v, p.device);
        cpu.upload(v, p.cpu);
        return p;
    }

    private Pair ints(int[] v) {
        Pair p = new Pair(device.ints(v.length), cpu.ints(v.length), v.length);
        device.upload(v, p.device);
        cpu.upload(v, p.cpu);
        return p;
    }

    /** The pair's device values, then its reference values. */
    private float[][] values(Pair p) {
        float[][] v = new float[2][p.n];
        device.download(p.device, v[0]);
        cpu.download(p.cpu, v[1]);
        return v;
    }

    private double error(Pair p) {
        float[][] v = values(p);
        float[] d = v[0];
        float[] c = v[1];
        double worst = 0;
        for (int i = 0; i < p.n; i++) {
            double e = Math.abs(d[i] - c[i]) / Math.max(1, Math.abs(c[i]));
            worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : Math.max(worst, e);
        }
        return worst;
    }

    private double sumError(Pair p) {
        float[][] v = values(p);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < p.n; i++) {
            diff = Math.max(diff, Math.abs(v[0][i] - v[1][i]));
            scale = Math.max(scale, Math.abs(v[1][i]));
        }
        return Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / Math.max(scale, Float.MIN_NORMAL);
    }

    private int[] intsOf(Pair p, Ops ops) {
        int[] out = new int[p.n];
        ops.download(ops == device ? p.device : p.cpu, out);
        return out;
    }

    /** The GEMMs of a step (Z = A Wᵀ, dW = Δᵀ A, dA = Δ W) at m = n = k = size. */
    void gemms(int size) {
        for (boolean[] t : new boolean[][] {{false, true}, {true, false}, {false, false}}) {
            Pair a = floats(size * size, 1);
            Pair b = floats(size * size, 1);
            Pair c = floats(size * size, 0);
            device.gemm(t[0], t[1], size, size, size, a.device, b.device, c.device);
            cpu.gemm(t[0], t[1], size, size, size, a.cpu, b.cpu, c.cpu);
            log.check(String.format("sgemm %d³ %s%s vs CPU reference", size, t[0] ? "T" : "N", t[1] ? "T" : "N"), sumError(c), 1e-5);
        }
    }

    void all() {
        int rows = 300;
        int cols = 37;
        int n = rows * cols;
        for (HiddenActivation f : HiddenActivation.all(0.1f)) {
            Pair z = floats(n, 3);
            Pair b = floats(cols, 1);
            Pair a = floats(n, 0);
            device.biasActivation(f, z.device, b.device, a.device, rows, cols);
            cpu.biasActivation(f, z.cpu, b.cpu, a.cpu, rows, cols);
            log.check("bias_activation " + f.spec(), Math.max(error(z), error(a)), 1e-5);
            Pair grad = floats(n, 1);
            Pair delta = floats(n, 0);
            device.activationBackward(f, z.device, a.device, grad.device, delta.device, n);
            cpu.activationBackward(f, z.cpu, a.cpu, grad.cpu, delta.cpu, n);
            log.check("activation_backward " + f.spec(), error(delta), 1e-5);
        }
        int classes = 10;
        Pair logits = floats(rows * classes, 4);
        int[] labelValues = new int[rows];
        for (int r = 0; r < rows; r++) {
            labelValues[r] = random.nextInt(classes);
        }
        Pair labels = ints(labelValues);
        Pair delta = floats(rows * classes, 0);
        Pair sums = floats(1, 0);
        Pair counts = ints(new int[2]);
        Pair classWeights = floats(classes, 1);
        device.softmaxCrossEntropy(logits.device, labels.device, classWeights.device, delta.device, rows, classes, sums.device, counts.device);
        cpu.softmaxCrossEntropy(logits.cpu, labels.cpu, classWeights.cpu, delta.cpu, rows, classes, sums.cpu, counts.cpu);
        log.check("softmax_cross_entropy (class weights): δ", error(delta), 1e-6);
        log.check("softmax_cross_entropy (class weights): loss sum", sumError(sums), 1e-5);
        device.softmaxCrossEntropy(logits.device, labels.device, null, delta.device, rows, classes, sums.device, counts.device);
        cpu.softmaxCrossEntropy(logits.cpu, labels.cpu, null, delta.cpu, rows, classes, sums.cpu, counts.cpu);
        log.check("softmax_cross_entropy: δ", error(delta), 1e-6);
        log.check("softmax_cross_entropy: loss sum", sumError(sums), 1e-5);
        log.check("softmax_cross_entropy: correct / non-finite counts", java.util.Arrays.equals(intsOf(counts, device), intsOf(counts, cpu)),
                java.util.Arrays.toString(intsOf(counts, device)) + " vs " + java.util.Arrays.toString(intsOf(counts, cpu)));

        Pair db = floats(cols, 0);
        Pair d = floats(n, 1);
        device.columnSums(d.device, db.device, rows, cols);
        cpu.columnSums(d.cpu, db.cpu, rows, cols);
        log.check("column_sums", sumError(db), 1e-5);

        Pair w = floats(n, 1);
        Pair g = floats(n, 1);
        Pair penalty = floats(1, 0);
        device.penalty(w.device, g.device, 1e-4f, 1e-3f, n, penalty.device, 1f);
        cpu.penalty(w.cpu, g.cpu, 1e-4f, 1e-3f, n, penalty.cpu, 1f);
        log.check("penalty: gradient + λ₂w + λ₁ sign(w)", error(g), 1e-6);
        log.check("penalty: (λ₂/2)Σw² + λ₁Σ|w|", sumError(penalty), 1e-5);

        logistic(rows, labelValues);
        residualLosses(rows);
        updates(n);
        clipping(n);
        finiteCheck(n);
        dropout(n);
        batchNorm(rows, cols);

        int[] order = EpochTrainer.permutation(rows, 5);
        Pair index = ints(order);
        Pair x = floats(rows * cols, 1);
        Pair out = floats(rows * cols, 0);
        Pair outLabels = ints(new int[rows]);
        Pair fromLabels = ints(labelValues);
        Pair clock = ints(new int[] {1, 1});
        device.gatherRows(x.device, fromLabels.device, index.device, clock.device, rows, out.device, outLabels.device, rows, cols, 1);
        cpu.gatherRows(x.cpu, fromLabels.cpu, index.cpu, clock.cpu, rows, out.cpu, outLabels.cpu, rows, cols, 1);
        log.check("gather_rows (class indices)", error(out) == 0 && java.util.Arrays.equals(intsOf(outLabels, device), intsOf(outLabels, cpu)),
                "rows and labels " + (error(out) == 0 ? "equal" : "differ"));
        Pair targets = floats(rows * 3, 1);
        Pair outTargets = floats(rows * 3, 0);
        Pair thirdStep = ints(new int[] {7, 3}); // step 3 of batches of 40: index[80 … 119]
        device.gatherRows(x.device, targets.device, index.device, thirdStep.device, 40, out.device, outTargets.device, 40, cols, 3);
        cpu.gatherRows(x.cpu, targets.cpu, index.cpu, thirdStep.cpu, 40, out.cpu, outTargets.cpu, 40, cols, 3);
        log.check("gather_rows (target rows, step 3 of the clock)", error(out) == 0 && error(outTargets) == 0, "rows and targets "
                + (error(out) == 0 && error(outTargets) == 0 ? "equal" : "differ"));
    }

    /** logistic_cross_entropy with one output (0/1 labels) and with four, weighted. */
    private void logistic(int rows, int[] labelValues) {
        for (int cols : new int[] {1, 4}) {
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = labelValues[r] % Math.max(2, cols);
            }
            Pair z = floats(rows * cols, 4);
            Pair delta = floats(rows * cols, 0);
            Pair sums = floats(1, 0);
            Pair counts = ints(new int[2]);
            Pair weights = floats(Math.max(2, cols), 1);
            Pair y = ints(labels);
            device.logisticCrossEntropy(z.device, y.device, weights.device, delta.device, rows, cols, sums.device, counts.device);
            cpu.logisticCrossEntropy(z.cpu, y.cpu, weights.cpu, delta.cpu, rows, cols, sums.cpu, counts.cpu);
            log.check("logistic_cross_entropy, " + cols + " output(s): δ", error(delta), 1e-6);
            log.check("logistic_cross_entropy, " + cols + " output(s): loss sum", sumError(sums), 1e-5);
            log.check("logistic_cross_entropy, " + cols + " output(s): counts", java.util.Arrays.equals(intsOf(counts, device), intsOf(counts, cpu)),
                    java.util.Arrays.toString(intsOf(counts, device)) + " vs " + java.util.Arrays.toString(intsOf(counts, cpu)));
        }
    }

    /** residual_loss: squared error, Huber and absolute error after identity and tanh outputs. */
    private void residualLosses(int rows) {
        int cols = 3;
        for (OutputLoss loss : new OutputLoss[] {OutputLoss.SQUARED_ERROR, OutputLoss.HUBER, OutputLoss.MAE}) {
            for (HiddenActivation f : java.util.List.of(HiddenActivation.identity(), HiddenActivation.parse("tanh"))) {
                Pair z = floats(rows * cols, 2);
                Pair y = floats(rows * cols, 1);
                Pair delta = floats(rows * cols, 0);
                Pair sums = floats(1, 0);
                Pair counts = ints(new int[2]);
                device.residualLoss(loss, 0.5f, f, z.device, y.device, delta.device, rows, cols, sums.device, counts.device);
                cpu.residualLoss(loss, 0.5f, f, z.cpu, y.cpu, delta.cpu, rows, cols, sums.cpu, counts.cpu);
                String what = "residual_loss " + loss.registryName() + "(" + f.spec() + ")";
                log.check(what + ": δ", error(delta), 1e-6);
                log.check(what + ": loss sum", sumError(sums), 1e-5);
            }
        }
    }

    /** Every optimizer kind, 3 updates each at two learning rates read from device memory. */
    private void updates(int n) {
        Pair bad = ints(new int[] {Ops.NO_BAD_STEP});
        Pair rates = floats(new float[] {0.05f, 0.02f, 0.01f});
        java.util.Map<String, Double> hyperParameters = java.util.Map.of("mu", 0.9, "beta1", 0.9, "beta2", 0.999, "eps", 1e-8, "wd", 0.01, "rho", 0.9);
        for (UpdateKind kind : UpdateKind.values()) {
            UpdateKind.Update rule = UpdateKind.Update.of(new org.neuronkit.cuda13.api.UpdateRule(kind.registryName(), hyperParameters, n / 2));
            Pair clock = ints(new int[2]);
            Pair norm = floats(1, 0);
            Pair p = floats(n, 1);
            Pair first = floats(n, 0);
            Pair second = floats(n, 0);
            for (int t = 1; t <= 3; t++) {
                Pair g = floats(n, 1);
                device.beginStep(clock.device, norm.device);
                cpu.beginStep(clock.cpu, norm.cpu);
                device.update(rule, p.device, g.device, first.device, second.device, rates.device, clock.device, n, bad.device);
                cpu.update(rule, p.cpu, g.cpu, first.cpu, second.cpu, rates.cpu, clock.cpu, n, bad.cpu);
            }
            log.check("optimizer_update " + kind.registryName() + " (3 steps)", Math.max(error(p), Math.max(error(first), error(second))), 1e-5);
        }
        Pair stopped = ints(new int[] {7});
        Pair p = floats(n, 1);
        float[] before = new float[n];
        device.download(p.device, before);
        Pair clock = ints(new int[] {1, 1});
        device.update(UpdateKind.Update.of(new org.neuronkit.cuda13.api.UpdateRule("sgd", java.util.Map.of(), n)), p.device, floats(n, 1).device, null, null, rates.device,
                clock.device, n, stopped.device);
        float[] after = new float[n];
        device.download(p.device, after);
        log.check("updates skipped once a bad step is recorded", java.util.Arrays.equals(before, after), "parameters "
                + (java.util.Arrays.equals(before, after) ? "unchanged" : "CHANGED"));
    }

    /** Clipping by value (and the squared norm it adds up), then by global norm. */
    private void clipping(int n) {
        Pair g = floats(n, 3);
        Pair norm = floats(new float[1]);
        device.clipByValue(g.device, n, 2f, norm.device);
        cpu.clipByValue(g.cpu, n, 2f, norm.cpu);
        log.check("clip_by_value: gradient and Σg²", Math.max(error(g), sumError(norm)), 1e-5);
        device.clipByNorm(g.device, n, 10f, norm.device);
        cpu.clipByNorm(g.cpu, n, 10f, norm.cpu);
        log.check("clip_by_norm", error(g), 1e-5);
    }

    /** dropout_forward's mask must be the twin's bit for bit (the same counter-based bits); then y and the backward. */
    private void dropout(int n) {
        Pair x = floats(n, 1);
        Pair mask = floats(n, 0);
        Pair y = floats(n, 0);
        Pair clock = ints(new int[] {1234, 5});
        device.dropoutForward(-8_070_450_532_247_928_832L, 0.35f, clock.device, x.device, mask.device, y.device, n);
        cpu.dropoutForward(-8_070_450_532_247_928_832L, 0.35f, clock.cpu, x.cpu, mask.cpu, y.cpu, n);
        log.check("dropout_forward: mask bit for bit, y = x ⊙ mask", error(mask) == 0 && error(y) == 0, "masks " + (error(mask) == 0 ? "equal" : "differ"));
        Pair g = floats(n, 1);
        device.dropoutBackward(mask.device, g.device, g.device, n);
        cpu.dropoutBackward(mask.cpu, g.cpu, g.cpu, n);
        log.check("dropout_backward", error(g), 0);
    }

    /** batch_norm_forward (with the running averages), batch_norm_backward and batch_norm_inference. */
    private void batchNorm(int rows, int cols) {
        int n = rows * cols;
        float[] values = new float[4 * cols];
        for (int c = 0; c < cols; c++) {
            values[c] = 1f + 0.3f * (float) random.nextGaussian();
            values[cols + c] = (float) random.nextGaussian();
            values[2 * cols + c] = (float) random.nextGaussian();
            values[3 * cols + c] = 0.5f + random.nextFloat();
        }
        Pair params = floats(values);
        Pair x = floats(n, 2);
        Pair xhat = floats(n, 0);
        Pair y = floats(n, 0);
        Pair stats = floats(cols, 0);
        Pair bad = ints(new int[] {Ops.NO_BAD_STEP});
        device.batchNormForward(x.device, params.device, xhat.device, y.device, stats.device, rows, cols, 0.1f, 1e-5f, bad.device);
        cpu.batchNormForward(x.cpu, params.cpu, xhat.cpu, y.cpu, stats.cpu, rows, cols, 0.1f, 1e-5f, bad.cpu);
        log.check("batch_norm_forward: y, x̂, 1/σ and the running averages", Math.max(Math.max(error(y), error(xhat)), Math.max(error(stats),
                error(params))), 1e-5);
        Pair g = floats(n, 1);
        Pair grads = floats(2 * cols, 0);
        device.batchNormBackward(g.device, xhat.device, params.device, stats.device, grads.device, g.device, rows, cols);
        cpu.batchNormBackward(g.cpu, xhat.cpu, params.cpu, stats.cpu, grads.cpu, g.cpu, rows, cols);
        log.check("batch_norm_backward: ∂L/∂γ, ∂L/∂β and ∂L/∂x", Math.max(sumError(grads), error(g)), 1e-5);
        device.batchNormInference(x.device, params.device, y.device, rows, cols, 1e-5f);
        cpu.batchNormInference(x.cpu, params.cpu, y.cpu, rows, cols, 1e-5f);
        log.check("batch_norm_inference", error(y), 1e-5);
    }

    private void finiteCheck(int n) {
        float[] values = new float[n];
        Pair clean = floats(values);
        values[n - 3] = Float.NaN;
        Pair nan = floats(values);
        values[n - 3] = Float.POSITIVE_INFINITY;
        Pair inf = floats(values);
        Pair counts = ints(new int[2]);
        Pair bad = ints(new int[] {Ops.NO_BAD_STEP});
        device.finiteCheck(clean.device, n, counts.device, ints(new int[] {9, 4}).device, bad.device);
        int afterClean = intsOf(bad, device)[0];
        device.finiteCheck(inf.device, n, counts.device, ints(new int[] {9, 6}).device, bad.device);
        device.finiteCheck(nan.device, n, counts.device, ints(new int[] {9, 5}).device, bad.device);
        int afterBad = intsOf(bad, device)[0];
        log.check("finite_check: clean, then ∞ at step 6 and NaN at step 5", afterClean == Ops.NO_BAD_STEP && afterBad == 5,
                "bad step " + (afterClean == Ops.NO_BAD_STEP ? "none" : afterClean) + " then " + afterBad);
    }
}
