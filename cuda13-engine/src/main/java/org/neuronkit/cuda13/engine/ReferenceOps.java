package org.neuronkit.cuda13.engine;

/**
 * {@link Ops} on the CPU in plain Java, written like the kernels of {@code kernels.cu} (same float
 * arithmetic, same order within a row): the reference the GPU is checked against in gpu-check, and the
 * implementation the CPU tests check against nn-core.
 */
public final class ReferenceOps extends HostMemory {

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, Buffer a, Buffer b, Buffer c) {
        float[] af = h(a).f, bf = h(b).f, cf = h(c).f;
        int ao = h(a).o(), bo = h(b).o(), co = h(c).o();
        for (int r = 0; r < m; r++) {
            for (int col = 0; col < n; col++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    float x = transA ? af[ao + p * m + r] : af[ao + r * k + p];
                    float y = transB ? bf[bo + col * k + p] : bf[bo + p * n + col];
                    s += x * y;
                }
                cf[co + r * n + col] = s;
            }
        }
    }

    @Override
    public void biasActivation(HiddenActivation f, Buffer z, Buffer b, Buffer a, int rows, int cols) {
        float[] zf = h(z).f, bf = h(b).f, af = h(a).f;
        int zo = h(z).o(), bo = h(b).o(), ao = h(a).o();
        for (int i = 0; i < rows * cols; i++) {
            float v = zf[zo + i] + bf[bo + i % cols];
            zf[zo + i] = v;
            af[ao + i] = f.value(v);
        }
    }

    @Override
    public void activationBackward(HiddenActivation f, Buffer z, Buffer a, Buffer grad, Buffer delta, long n) {
        float[] zf = h(z).f, af = h(a).f, gf = h(grad).f, df = h(delta).f;
        int zo = h(z).o(), ao = h(a).o(), go = h(grad).o(), d = h(delta).o();
        for (int i = 0; i < n; i++) {
            df[d + i] = f.slope(zf[zo + i], af[ao + i]) * gf[go + i];
        }
    }

    @Override
    public void softmaxCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts) {
        float[] zf = h(z).f;
        int[] lf = h(labels).i;
        for (int r = 0; r < rows; r++) {
            int row = h(z).o() + r * cols;
            int best = 0;
            float max = zf[row];
            for (int c = 1; c < cols; c++) {
                if (zf[row + c] > max) {
                    max = zf[row + c];
                    best = c;
                }
            }
            float sum = 0f;
            for (int c = 0; c < cols; c++) {
                sum += (float) Math.exp(zf[row + c] - max);
            }
            int label = lf[h(labels).o() + r];
            float u = classWeights == null ? 1f : h(classWeights).f[h(classWeights).o() + label];
            float loss = ((float) Math.log(sum) + max - zf[row + label]) * u;
            if (delta != null) {
                float scale = u / rows;
                int d = h(delta).o() + r * cols;
                for (int c = 0; c < cols; c++) {
                    float p = (float) Math.exp(zf[row + c] - max) / sum;
                    h(delta).f[d + c] = (p - (c == label ? 1f : 0f)) * scale;
                }
            }
            h(sums).f[h(sums).o()] += loss;
            if (best == label) {
                h(counts).i[h(counts).o()]++;
            }
            if (!Float.isFinite(loss)) {
                h(counts).i[h(counts).o() + 1]++;
            }
        }
    }

    @Override
    public void logisticCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts) {
        for (int r = 0; r < rows; r++) {
            int row = h(z).o() + r * cols;
            int label = h(labels).i[h(labels).o() + r];
            float u = classWeights == null ? 1f : h(classWeights).f[h(classWeights).o() + label];
            float loss = 0f;
            float picked = 0f;
            float best = -1f;
            for (int c = 0; c < cols; c++) {
                float y = cols == 1 ? label : (c == label ? 1f : 0f);
                float zc = h(z).f[row + c];
                float p = 1f / (1f + (float) Math.exp(-zc));
                loss += Math.max(zc, 0f) - y * zc + (float) Math.log1p((float) Math.exp(-Math.abs(zc)));
                picked += p * y;
                best = Math.max(best, p);
                if (delta != null) {
                    h(delta).f[h(delta).o() + r * cols + c] = (p - y) * u / rows;
                }
            }
            loss *= u;
            h(sums).f[h(sums).o()] += loss;
            if (picked >= best) {
                h(counts).i[h(counts).o()]++;
            }
            if (!Float.isFinite(loss)) {
                h(counts).i[h(counts).o() + 1]++;
            }
        }
    }

    @Override
    public void residualLoss(OutputLoss loss, float h, HiddenActivation f, Buffer z, Buffer y, Buffer delta, int rows, int cols, Buffer sums,
            Buffer counts) {
        float s = 0f;
        for (int i = 0; i < rows * cols; i++) {
            float zi = h(z).f[h(z).o() + i];
            float yHat = f.value(zi);
            float r = yHat - h(y).f[h(y).o() + i];
            float a = Math.abs(r);
            float rho;
            float slope;
            switch (loss) {
                case HUBER -> {
                    rho = a <= h ? 0.5f * r * r : h * (a - 0.5f * h);
                    slope = Math.min(Math.max(r, -h), h);
                }
                case MAE -> {
                    rho = a;
                    slope = Math.signum(r);
                }
                default -> {
                    rho = 0.5f * r * r;
                    slope = r;
                }
            }
            if (delta != null) {
                h(delta).f[h(delta).o() + i] = f.slope(zi, yHat) * slope / rows;
            }
            s += rho;
            if (!Float.isFinite(rho)) {
                h(counts).i[h(counts).o() + 1]++;
            }
        }
        h(sums).f[h(sums).o()] += s;
    }

    @Override
    public void columnSums(Buffer delta, Buffer db, int rows, int cols) {
        for (int c = 0; c < cols; c++) {
            float s = 0f;
            for (int r = 0; r < rows; r++) {
                s += h(delta).f[h(delta).o() + r * cols + c];
            }
            h(db).f[h(db).o() + c] = s;
        }
    }

    @Override
    public void penalty(Buffer w, Buffer grad, float l1, float l2, long n, Buffer sums, float weight) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float v = h(w).f[h(w).o() + i];
            h(grad).f[h(grad).o() + i] += l2 * v + l1 * Math.signum(v);
            s += 0.5f * l2 * v * v + l1 * Math.abs(v);
        }
        h(sums).f[h(sums).o()] += s * weight;
    }

    @Override
    public void beginStep(Buffer clock, Buffer norm) {
        h(clock).i[h(clock).o()]++;
        h(clock).i[h(clock).o() + 1]++;
        h(norm).f[h(norm).o()] = 0f;
    }

    @Override
    public void clipByValue(Buffer g, long n, float maxValue, Buffer norm) {
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float v = Math.min(Math.max(h(g).f[h(g).o() + i], -maxValue), maxValue);
            h(g).f[h(g).o() + i] = v;
            s += v * v;
        }
        h(norm).f[h(norm).o()] += s;
    }

    @Override
    public void clipByNorm(Buffer g, long n, float maxNorm, Buffer norm) {
        float length = (float) Math.sqrt(h(norm).f[h(norm).o()]);
        if (!(length > maxNorm)) {
            return;
        }
        float scale = maxNorm / length;
        for (int i = 0; i < n; i++) {
            h(g).f[h(g).o() + i] *= scale;
        }
    }

    @Override
    public void noteFirstRisk(Buffer sums, Buffer clock, float rows, Buffer first) {
        if (h(clock).i[h(clock).o() + 1] == 1) {
            h(first).f[h(first).o()] = h(sums).f[h(sums).o()] / rows;
        }
    }

    @Override
    public void finiteCheck(Buffer g, long n, Buffer counts, Buffer clock, Buffer bad) {
        boolean found = h(counts).i[h(counts).o() + 1] != 0;
        for (int i = 0; i < n && !found; i++) {
            found = !Float.isFinite(h(g).f[h(g).o() + i]);
        }
        if (found) {
            h(bad).i[h(bad).o()] = Math.min(h(bad).i[h(bad).o()], h(clock).i[h(clock).o() + 1]);
        }
    }

    @Override
    public void update(UpdateKind.Update rule, Buffer p, Buffer g, Buffer s1, Buffer s2, Buffer rates, Buffer clock, long n, Buffer bad) {
        if (h(bad).i[h(bad).o()] != NO_BAD_STEP) {
            return;
        }
        float lr = h(rates).f[h(rates).o() + h(clock).i[h(clock).o() + 1] - 1];
        float h0 = rule.h(0), h1 = rule.h(1), h2 = rule.h(2), h3 = rule.h(3);
        float lrT = 0f;
        if (rule.kind() == UpdateKind.ADAM || rule.kind() == UpdateKind.ADAMW) {
            float t = h(clock).i[h(clock).o()];
            lrT = lr * (float) Math.sqrt(1f - (float) Math.pow(h1, t)) / (1f - (float) Math.pow(h0, t));
        }
        float[] pf = h(p).f, gf = h(g).f;
        int po = h(p).o(), go = h(g).o();
        for (int i = 0; i < n; i++) {
            float gi = gf[go + i];
            switch (rule.kind()) {
                case MOMENTUM -> {
                    float vi = h0 * get(s1, i) - lr * gi;
                    set(s1, i, vi);
                    pf[po + i] += vi;
                }
                case NESTEROV -> {
                    float previous = get(s1, i);
                    float vi = h0 * previous - lr * gi;
                    set(s1, i, vi);
                    pf[po + i] -= h0 * previous - (1f + h0) * vi;
                }
                case ADAM, ADAMW -> {
                    float mi = h0 * get(s1, i) + (1f - h0) * gi;
                    float vi = h1 * get(s2, i) + (1f - h1) * gi * gi;
                    set(s1, i, mi);
                    set(s2, i, vi);
                    float decayed = rule.kind() == UpdateKind.ADAMW && i < rule.weightCount() ? pf[po + i] * (1f - lr * h3) : pf[po + i];
                    pf[po + i] = decayed - lrT * mi / ((float) Math.sqrt(vi) + h2);
                }
                case RMSPROP -> {
                    float si = h0 * get(s1, i) + (1f - h0) * gi * gi;
                    set(s1, i, si);
                    pf[po + i] -= lr * gi / ((float) Math.sqrt(si) + h1);
                }
                case ADAGRAD -> {
                    float si = get(s1, i) + gi * gi;
                    set(s1, i, si);
                    pf[po + i] -= lr * gi / ((float) Math.sqrt(si) + h0);
                }
                default -> pf[po + i] -= lr * gi;
            }
        }
    }

    private static float get(Buffer state, int i) {
        return h(state).f[h(state).o() + i];
    }

    private static void set(Buffer state, int i, float value) {
        h(state).f[h(state).o() + i] = value;
    }

    @Override
    public void gatherRows(Buffer x, Buffer targets, Buffer index, Buffer clock, int batch, Buffer out, Buffer targetsOut, int rows, int cols,
            int targetCols) {
        int start = (h(clock).i[h(clock).o() + 1] - 1) * batch;
        for (int r = 0; r < rows; r++) {
            int from = h(index).i[h(index).o() + start + r];
            System.arraycopy(h(x).f, h(x).o() + from * cols, h(out).f, h(out).o() + r * cols, cols);
            Host t = h(targets);
            Host to = h(targetsOut);
            if (t.i != null) {
                System.arraycopy(t.i, t.o() + from * targetCols, to.i, to.o() + r * targetCols, targetCols);
            } else {
                System.arraycopy(t.f, t.o() + from * targetCols, to.f, to.o() + r * targetCols, targetCols);
            }
        }
    }

    /** Replays a captured step by running the recorded step again: what a CUDA graph does, on the CPU. */
    @Override
    public StepGraphs.Executor graphExecutor() {
        return StepGraphs.Executor.RERUN;
    }

    @Override
    public String device() {
        return "CPU reference";
    }

    /** SplitMix64's finaliser, kernels.cu's {@code dropout_mix}. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Dropout's random number for unit i at step t, kernels.cu's {@code dropout_uniform}: the top 24 bits of
     * mix(seed + mix(t · 2³² + i)) over 2²⁴, uniform in [0, 1) (i and t as 32-bit unsigned words).
     */
    public static float dropoutUniform(long seed, int t, long i) {
        long counter = ((long) t << 32) | (i & 0xFFFFFFFFL);
        return (float) (mix(seed + mix(counter)) >>> 40) * 5.9604645e-8f;
    }

    @Override
    public void dropoutForward(long seed, float rate, Buffer clock, Buffer x, Buffer mask, Buffer y, long n) {
        int t = h(clock).i[h(clock).o()];
        float scale = 1f / (1f - rate);
        for (int i = 0; i < n; i++) {
            float m = dropoutUniform(seed, t, i) >= rate ? scale : 0f;
            h(mask).f[h(mask).o() + i] = m;
            h(y).f[h(y).o() + i] = h(x).f[h(x).o() + i] * m;
        }
    }

    @Override
    public void dropoutBackward(Buffer mask, Buffer grad, Buffer out, long n) {
        for (int i = 0; i < n; i++) {
            h(out).f[h(out).o() + i] = h(grad).f[h(grad).o() + i] * h(mask).f[h(mask).o() + i];
        }
    }

    @Override
    public void batchNormForward(Buffer x, Buffer params, Buffer xhat, Buffer y, Buffer stats, int rows, int cols, float momentum, float epsilon,
            Buffer bad) {
        float[] xf = h(x).f, pf = h(params).f, hf = h(xhat).f, yf = h(y).f;
        int xo = h(x).o(), po = h(params).o(), ho = h(xhat).o(), yo = h(y).o();
        boolean updates = rows > 1 && h(bad).i[h(bad).o()] == NO_BAD_STEP;
        for (int c = 0; c < cols; c++) {
            float s = 0f;
            for (int r = 0; r < rows; r++) {
                s += xf[xo + r * cols + c];
            }
            float mu = s * (1f / rows);
            float q = 0f;
            for (int r = 0; r < rows; r++) {
                float d = xf[xo + r * cols + c] - mu;
                q += d * d;
            }
            float variance = q * (1f / rows);
            float inv = 1f / (float) Math.sqrt(variance + epsilon);
            h(stats).f[h(stats).o() + c] = inv;
            float gamma = pf[po + c], beta = pf[po + cols + c];
            for (int r = 0; r < rows; r++) {
                int i = r * cols + c;
                float normalized = (xf[xo + i] - mu) * inv;
                hf[ho + i] = normalized;
                yf[yo + i] = normalized * gamma + beta;
            }
            if (updates) {
                pf[po + 2 * cols + c] = pf[po + 2 * cols + c] * (1f - momentum) + mu * momentum;
                pf[po + 3 * cols + c] = pf[po + 3 * cols + c] * (1f - momentum) + variance * (momentum * rows / (rows - 1));
            }
        }
    }

    @Override
    public void batchNormInference(Buffer x, Buffer params, Buffer y, int rows, int cols, float epsilon) {
        float[] pf = h(params).f;
        int po = h(params).o();
        for (int i = 0; i < rows * cols; i++) {
            int c = i % cols;
            float scale = 1f / (float) Math.sqrt(pf[po + 3 * cols + c] + epsilon) * pf[po + c];
            h(y).f[h(y).o() + i] = (h(x).f[h(x).o() + i] - pf[po + 2 * cols + c]) * scale + pf[po + cols + c];
        }
    }

    @Override
    public void batchNormBackward(Buffer g, Buffer xhat, Buffer params, Buffer stats, Buffer grads, Buffer dx, int rows, int cols) {
        float[] gf = h(g).f, hf = h(xhat).f;
        int go = h(g).o(), ho = h(xhat).o();
        for (int c = 0; c < cols; c++) {
            float db = 0f, dg = 0f;
            for (int r = 0; r < rows; r++) {
                db += gf[go + r * cols + c];
                dg += gf[go + r * cols + c] * hf[ho + r * cols + c];
            }
            h(grads).f[h(grads).o() + c] = dg;
            h(grads).f[h(grads).o() + cols + c] = db;
            float scale = h(params).f[h(params).o() + c] * h(stats).f[h(stats).o() + c];
            for (int r = 0; r < rows; r++) {
                int i = go + r * cols + c;
                h(dx).f[h(dx).o() + r * cols + c] = (gf[i] - (hf[ho + r * cols + c] * dg + db) * (1f / rows)) * scale;
            }
        }
    }
}
