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
        device.softmaxCrossEntropy(logits.device, labels.device, delta.device, rows, classes, sums.device, counts.device);
        cpu.softmaxCrossEntropy(logits.cpu, labels.cpu, delta.cpu, rows, classes, sums.cpu, counts.cpu);
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
        device.l2Penalty(w.device, g.device, 1e-3f, n, penalty.device, 1f);
        cpu.l2Penalty(w.cpu, g.cpu, 1e-3f, n, penalty.cpu, 1f);
        log.check("l2_penalty: gradient", error(g), 1e-6);
        log.check("l2_penalty: (λ/2)Σw²", sumError(penalty), 1e-5);

        updates(n);
        finiteCheck(n);

        int[] order = EpochTrainer.permutation(rows, 5);
        Pair index = ints(order);
        Pair x = floats(rows * cols, 1);
        Pair out = floats(rows * cols, 0);
        Pair outLabels = ints(new int[rows]);
        Pair fromLabels = ints(labelValues);
        device.gatherRows(x.device, fromLabels.device, index.device, out.device, outLabels.device, rows, cols);
        cpu.gatherRows(x.cpu, fromLabels.cpu, index.cpu, out.cpu, outLabels.cpu, rows, cols);
        log.check("gather_rows", error(out) == 0 && java.util.Arrays.equals(intsOf(outLabels, device), intsOf(outLabels, cpu)),
                "rows and labels " + (error(out) == 0 ? "equal" : "differ"));
    }

    private void updates(int n) {
        Pair bad = ints(new int[] {Ops.NO_BAD_STEP});
        Pair p = floats(n, 1);
        Pair first = floats(n, 0.1);
        Pair second = floats(n, 0); // Adam's v is a running mean of squares: never negative
        for (int t = 1; t <= 3; t++) {
            Pair g = floats(n, 1);
            device.sgd(p.device, g.device, 0.1f, n, bad.device);
            cpu.sgd(p.cpu, g.cpu, 0.1f, n, bad.cpu);
            device.momentum(p.device, g.device, first.device, 0.1f, 0.9f, n, bad.device);
            cpu.momentum(p.cpu, g.cpu, first.cpu, 0.1f, 0.9f, n, bad.cpu);
            float rate = (float) OptimizerSpec.adam(0.01, 0.9, 0.999, 1e-8).adamRate(t);
            device.adam(p.device, g.device, first.device, second.device, rate, 0.9f, 0.999f, 1e-8f, n, bad.device);
            cpu.adam(p.cpu, g.cpu, first.cpu, second.cpu, rate, 0.9f, 0.999f, 1e-8f, n, bad.cpu);
        }
        log.check("sgd_update, momentum_update, adam_update (3 rounds)", Math.max(error(p), Math.max(error(first), error(second))), 1e-5);
        Pair stopped = ints(new int[] {7});
        float[] before = new float[n];
        device.download(p.device, before);
        device.adam(p.device, floats(n, 1).device, first.device, second.device, 0.01f, 0.9f, 0.999f, 1e-8f, n, stopped.device);
        device.sgd(p.device, floats(n, 1).device, 0.1f, n, stopped.device);
        float[] after = new float[n];
        device.download(p.device, after);
        log.check("updates skipped once a bad step is recorded", java.util.Arrays.equals(before, after), "parameters "
                + (java.util.Arrays.equals(before, after) ? "unchanged" : "CHANGED"));
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
        device.finiteCheck(clean.device, n, counts.device, 4, bad.device);
        int afterClean = intsOf(bad, device)[0];
        device.finiteCheck(inf.device, n, counts.device, 6, bad.device);
        device.finiteCheck(nan.device, n, counts.device, 5, bad.device);
        int afterBad = intsOf(bad, device)[0];
        log.check("finite_check: clean, then ∞ at step 6 and NaN at step 5", afterClean == Ops.NO_BAD_STEP && afterBad == 5,
                "bad step " + (afterClean == Ops.NO_BAD_STEP ? "none" : afterClean) + " then " + afterBad);
    }
}
