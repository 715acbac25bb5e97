// NeuronKit's element-wise training kernels for the CUDA 13 engine (backend-cuda13/README.md).
// Row-major matrices: a batch is N rows of M columns. Every kernel has a CPU twin in ReferenceOps.java,
// and the tests hold the twins against nn-core. scripts/gen-ptx.sh compiles this file to kernels.ptx.
// The activations (act_value, act_slope and their kinds) are generated from nn-core's activation registry:
// activations.cuh, written by scripts/gen-activations.sh.

#include "activations.cuh"

// z[r, c] += b[c]; a = f(z)   (z: rows x cols, in place; a may equal z only for the identity)
extern "C" __global__ void bias_activation(int kind, float alpha, float* z, const float* b, float* a, int rows, int cols) {
    long n = (long) rows * cols;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        float v = z[i] + b[i % cols];
        z[i] = v;
        a[i] = act_value(kind, alpha, v);
    }
}

// delta = f'(z) * grad   (grad = dL/da, delta = dL/dz; delta may equal grad)
extern "C" __global__ void activation_backward(int kind, float alpha, const float* z, const float* a, const float* grad,
                                               float* delta, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        delta[i] = act_slope(kind, alpha, z[i], a[i]) * grad[i];
    }
}

// One thread per row of the logits z (rows x cols): softmax, cross-entropy -log p[label] = logsumexp(z) - z[label]
// times the class weight u = w[label] (u = 1 when w is null), delta = u (p - onehot(label)) / rows (if delta is not
// null), and into sums[0] the sum of the weighted losses, into counts[0] the number of rows whose arg-max is the label,
// into counts[1] the rows with a non-finite loss.
extern "C" __global__ void softmax_cross_entropy(const float* z, const int* labels, const float* w, float* delta, int rows,
                                                 int cols, float* sums, int* counts) {
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    const float* zr = z + (long) r * cols;
    int best = 0;
    float max = zr[0];
    for (int c = 1; c < cols; c++) {
        if (zr[c] > max) { max = zr[c]; best = c; }
    }
    float sum = 0.f;
    for (int c = 0; c < cols; c++) sum += expf(zr[c] - max);
    int label = labels[r];
    float u = w != 0 ? w[label] : 1.f;
    float loss = (logf(sum) + max - zr[label]) * u;
    if (delta != 0) {
        float* dr = delta + (long) r * cols;
        float scale = u / rows;
        for (int c = 0; c < cols; c++) {
            float p = expf(zr[c] - max) / sum;
            dr[c] = (p - (c == label ? 1.f : 0.f)) * scale;
        }
    }
    atomicAdd(sums, loss);
    if (best == label) atomicAdd(counts, 1);
    if (!isfinite(loss)) atomicAdd(counts + 1, 1);
}

// One thread per row of the logits z (rows x cols), logistic outputs p = 1 / (1 + exp(-z)) and binary
// cross-entropy summed over the outputs, L = sum_c max(z_c, 0) - y_c z_c + log(1 + exp(-|z_c|)), times the class
// weight u = w[label] (1 when w is null). With one output y = label (0 or 1); with several, y = onehot(label).
// delta = u (p - y) / rows (if delta is not null); sums[0] += L u; counts[0] += 1 when sum_c p_c y_c >= max_c p_c
// (nn-core's CorrectCount, ties counting as correct); counts[1] += 1 when L is not finite.
extern "C" __global__ void logistic_cross_entropy(const float* z, const int* labels, const float* w, float* delta, int rows,
                                                  int cols, float* sums, int* counts) {
    int r = blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    const float* zr = z + (long) r * cols;
    int label = labels[r];
    float u = w != 0 ? w[label] : 1.f;
    float loss = 0.f, picked = 0.f, best = -1.f;
    for (int c = 0; c < cols; c++) {
        float y = cols == 1 ? (float) label : (c == label ? 1.f : 0.f);
        float zc = zr[c];
        float p = 1.f / (1.f + expf(-zc));
        loss += fmaxf(zc, 0.f) - y * zc + log1pf(expf(-fabsf(zc)));
        picked += p * y;
        best = fmaxf(best, p);
        if (delta != 0) delta[(long) r * cols + c] = (p - y) * u / rows;
    }
    loss *= u;
    atomicAdd(sums, loss);
    if (picked >= best) atomicAdd(counts, 1);
    if (!isfinite(loss)) atomicAdd(counts + 1, 1);
}

// Regression losses of the residual r = yhat - y, yhat = f(z) with the output activation (kind, alpha), summed over
// the rows x cols outputs: loss 0 squared error rho = r^2 / 2, rho' = r; 1 Huber rho = r^2 / 2 for |r| <= h,
// h (|r| - h / 2) beyond, rho' = clip(r, -h, h); 2 absolute error rho = |r|, rho' = sign(r) (sign(0) = 0).
// delta = f'(z) rho'(r) / rows (if delta is not null); sums[0] += sum rho; counts[1] += the non-finite rho.
extern "C" __global__ void residual_loss(int loss, float h, int kind, float alpha, const float* z, const float* y, float* delta,
                                         int rows, int cols, float* sums, int* counts) {
    long n = (long) rows * cols;
    float s = 0.f;
    int bad = 0;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        float yhat = act_value(kind, alpha, z[i]);
        float r = yhat - y[i];
        float a = fabsf(r);
        float rho, slope;
        if (loss == 1) {
            rho = a <= h ? 0.5f * r * r : h * (a - 0.5f * h);
            slope = fminf(fmaxf(r, -h), h);
        } else if (loss == 2) {
            rho = a;
            slope = r > 0.f ? 1.f : (r < 0.f ? -1.f : 0.f);
        } else {
            rho = 0.5f * r * r;
            slope = r;
        }
        if (delta != 0) delta[i] = act_slope(kind, alpha, z[i], yhat) * slope / rows;
        s += rho;
        if (!isfinite(rho)) bad++;
    }
    for (int o = 16; o > 0; o >>= 1) {
        s += __shfl_down_sync(0xffffffff, s, o);
        bad += __shfl_down_sync(0xffffffff, bad, o);
    }
    if ((threadIdx.x & 31) == 0) {
        atomicAdd(sums, s);
        if (bad) atomicAdd(counts + 1, bad);
    }
}

// db[c] = sum over rows of delta[r, c]
extern "C" __global__ void column_sums(const float* delta, float* db, int rows, int cols) {
    int c = blockIdx.x * blockDim.x + threadIdx.x;
    if (c >= cols) return;
    float s = 0.f;
    for (int r = 0; r < rows; r++) s += delta[(long) r * cols + c];
    db[c] = s;
}

// L1 and L2 on the weight region: grad += l2 w + l1 sign(w) (sign(0) = 0), and
// sums[0] += ((l2 / 2) sum(w^2) + l1 sum|w|) * weight
extern "C" __global__ void penalty(const float* w, float* grad, float l1, float l2, long n, float* sums, float weight) {
    float s = 0.f;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        float v = w[i];
        float sign = v > 0.f ? 1.f : (v < 0.f ? -1.f : 0.f);
        grad[i] += l2 * v + l1 * sign;
        s += 0.5f * l2 * v * v + l1 * fabsf(v);
    }
    for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffff, s, o);
    if ((threadIdx.x & 31) == 0) atomicAdd(sums, s * weight);
}

// The step clock in device memory, so that a captured step replays unchanged: clock[0] = t, the updates so far
// (Adam's t), clock[1] = the step within the epoch (from 1), which indexes the epoch's learning rates. The step's
// scratch (norm[0], the squared gradient norm) restarts at 0.
extern "C" __global__ void begin_step(int* clock, float* norm) {
    if (blockIdx.x == 0 && threadIdx.x == 0) {
        clock[0] += 1;
        clock[1] += 1;
        norm[0] = 0.f;
    }
}

// Gradient clipping, first part: g[i] = min(max(g[i], -max_value), max_value) (max_value may be infinite), and
// norm[0] += sum g[i]^2 of the clamped values.
extern "C" __global__ void clip_by_value(float* g, long n, float max_value, float* norm) {
    float s = 0.f;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        float v = fminf(fmaxf(g[i], -max_value), max_value);
        g[i] = v;
        s += v * v;
    }
    for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffff, s, o);
    if ((threadIdx.x & 31) == 0) atomicAdd(norm, s);
}

// Gradient clipping, second part: with L = sqrt(norm[0]), g *= max_norm / L when L > max_norm.
extern "C" __global__ void clip_by_norm(float* g, long n, float max_norm, const float* norm) {
    float length = sqrtf(norm[0]);
    if (!(length > max_norm)) return;
    float scale = max_norm / length;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        g[i] *= scale;
    }
}

// The risk of the epoch's first step: at step 1 (clock[1] = 1), first[0] = sums[0] / rows, sums[0] holding that step's
// loss and penalty (the sums restart with each epoch).
extern "C" __global__ void note_first_risk(const float* sums, const int* clock, float rows, float* first) {
    if (blockIdx.x == 0 && threadIdx.x == 0 && clock[1] == 1) first[0] = sums[0] / rows;
}

// The finite check: if any g[i] is NaN or infinite, or counts[1] (non-finite losses) is set,
// bad[0] = min(bad[0], clock[1]), the step within the epoch.
extern "C" __global__ void finite_check(const float* g, long n, const int* counts, const int* clock, int* bad) {
    bool found = blockIdx.x == 0 && threadIdx.x == 0 && counts[1] != 0;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n && !found; i += (long) gridDim.x * blockDim.x) {
        if (!isfinite(g[i])) found = true;
    }
    if (found) atomicMin(bad, clock[1]);
}

// Optimizer kinds (UpdateKind.java), with h = their hyper-parameters in the registry's order:
// 0 sgd:      p -= lr g
// 1 momentum: v = mu v - lr g; p += v                                                  h = {mu}
// 2 nesterov: v' = mu v - lr g; p -= mu v - (1 + mu) v'; v = v'                         h = {mu}
// 3 adam:     m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr_t m / (sqrt(v) + eps),
//             lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)                                      h = {b1, b2, eps}
// 4 adamw:    on the first `weights` entries p *= 1 - lr wd first; then adam's step      h = {b1, b2, eps, wd}
// 5 rmsprop:  s = rho s + (1 - rho) g^2; p -= lr g / (sqrt(s) + eps)                    h = {rho, eps}
// 6 adagrad:  s = s + g^2; p -= lr g / (sqrt(s) + eps)                                  h = {eps}
// lr = rates[clock[1] - 1] and t = clock[0] come from device memory. Nothing happens once bad[0] holds a step
// (the parameters keep their last finite values).
extern "C" __global__ void optimizer_update(int kind, float h0, float h1, float h2, float h3, long weights, float* p, const float* g,
                                            float* s1, float* s2, const float* rates, const int* clock, long n, const int* bad) {
    if (bad[0] != 0x7fffffff) return;
    float lr = rates[clock[1] - 1];
    float lr_t = 0.f;
    if (kind == 3 || kind == 4) {
        float t = (float) clock[0];
        lr_t = lr * sqrtf(1.f - powf(h1, t)) / (1.f - powf(h0, t));
    }
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        float gi = g[i];
        switch (kind) {
        case 1: {
            float vi = h0 * s1[i] - lr * gi;
            s1[i] = vi;
            p[i] += vi;
            break;
        }
        case 2: {
            float previous = s1[i];
            float vi = h0 * previous - lr * gi;
            s1[i] = vi;
            p[i] -= h0 * previous - (1.f + h0) * vi;
            break;
        }
        case 3:
        case 4: {
            float mi = h0 * s1[i] + (1.f - h0) * gi;
            float vi = h1 * s2[i] + (1.f - h1) * gi * gi;
            s1[i] = mi;
            s2[i] = vi;
            float decayed = kind == 4 && i < weights ? p[i] * (1.f - lr * h3) : p[i];
            p[i] = decayed - lr_t * mi / (sqrtf(vi) + h2);
            break;
        }
        case 5: {
            float si = h0 * s1[i] + (1.f - h0) * gi * gi;
            s1[i] = si;
            p[i] -= lr * gi / (sqrtf(si) + h1);
            break;
        }
        case 6: {
            float si = s1[i] + gi * gi;
            s1[i] = si;
            p[i] -= lr * gi / (sqrtf(si) + h0);
            break;
        }
        default:
            p[i] -= lr * gi;
        }
    }
}

// A shuffled minibatch, at the step the clock says: with s = clock[1] - 1 (the step within the epoch, from 0) and
// i_r = index[s * batch + r], out[r, :] = x[i_r, :] (cols floats) and targetsOut[r, :] = targets[i_r, :] (tcols 4-byte
// words: one class index, or a regression target row). Reading the step from device memory keeps every step's launch
// the same, so that a captured step replays.
extern "C" __global__ void gather_rows(const float* x, const int* targets, const int* index, const int* clock, int batch, float* out,
                                       int* targetsOut, int rows, int cols, int tcols) {
    const int* rowsOfStep = index + (long) (clock[1] - 1) * batch;
    long n = (long) rows * cols;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        int r = (int) (i / cols);
        out[i] = x[(long) rowsOfStep[r] * cols + i % cols];
    }
    long m = (long) rows * tcols;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < m; i += (long) gridDim.x * blockDim.x) {
        int r = (int) (i / tcols);
        targetsOut[i] = targets[(long) rowsOfStep[r] * tcols + i % tcols];
    }
}

// Dropout's random numbers: a counter-based generator (no state, no cuRAND), so that the CPU twin
// (ReferenceOps.dropoutUniform) draws the same bits. u(seed, t, i) = top 24 bits of
// mix(seed + mix(t * 2^32 + i)) / 2^24, uniform in [0, 1), with mix the finaliser of SplitMix64.
__device__ __forceinline__ unsigned long long dropout_mix(unsigned long long z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

__device__ __forceinline__ float dropout_uniform(long seed, int t, long i) {
    unsigned long long counter = ((unsigned long long) (unsigned int) t << 32) | (unsigned long long) (unsigned int) i;
    unsigned long long h = dropout_mix((unsigned long long) seed + dropout_mix(counter));
    return (float) (h >> 40) * 5.9604645e-8f;
}

// Inverted dropout at rate p in training, on the n values of x: unit i is kept when u(seed, t, i) >= p, t = clock[0]
// (the updates so far, so every step draws a new mask); mask[i] = 1 / (1 - p) when kept, else 0; y = x * mask.
extern "C" __global__ void dropout_forward(long seed, float rate, const int* clock, const float* x, float* mask, float* y, long n) {
    int t = clock[0];
    float scale = 1.f / (1.f - rate);
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        float m = dropout_uniform(seed, t, i) >= rate ? scale : 0.f;
        mask[i] = m;
        y[i] = x[i] * m;
    }
}

// dL/dx = dL/dy * mask, with the mask of the forward pass (out may equal grad)
extern "C" __global__ void dropout_backward(const float* mask, const float* grad, float* out, long n) {
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        out[i] = grad[i] * mask[i];
    }
}

// Batch norm of x (rows x cols) in training, one thread per feature c. params holds gamma, beta, the running mean and the
// running variance, cols each. mu = sum_r x / rows, var = sum_r (x - mu)^2 / rows, stats[c] = 1 / sqrt(var + eps),
// xhat = (x - mu) stats[c], y = gamma xhat + beta; and, when rows > 1 and no step has been bad (bad[0] unset), the running
// averages move: mean = (1 - m) mean + m mu, variance = (1 - m) variance + m var rows / (rows - 1) (nn-core's BatchNorm).
extern "C" __global__ void batch_norm_forward(const float* x, float* params, float* xhat, float* y, float* stats, int rows, int cols,
                                              float momentum, float eps, const int* bad) {
    int c = blockIdx.x * blockDim.x + threadIdx.x;
    if (c >= cols) return;
    float s = 0.f;
    for (int r = 0; r < rows; r++) s += x[(long) r * cols + c];
    float mu = s * (1.f / rows);
    float q = 0.f;
    for (int r = 0; r < rows; r++) {
        float d = x[(long) r * cols + c] - mu;
        q += d * d;
    }
    float var = q * (1.f / rows);
    float inv = 1.f / sqrtf(var + eps);
    stats[c] = inv;
    float gamma = params[c], beta = params[cols + c];
    for (int r = 0; r < rows; r++) {
        long i = (long) r * cols + c;
        float h = (x[i] - mu) * inv;
        xhat[i] = h;
        y[i] = h * gamma + beta;
    }
    if (rows > 1 && bad[0] == 0x7fffffff) {
        params[2 * cols + c] = params[2 * cols + c] * (1.f - momentum) + mu * momentum;
        params[3 * cols + c] = params[3 * cols + c] * (1.f - momentum) + var * (momentum * rows / (rows - 1));
    }
}

// Batch norm in inference, with the running averages: y = (x - mean) (gamma / sqrt(variance + eps)) + beta.
extern "C" __global__ void batch_norm_inference(const float* x, const float* params, float* y, int rows, int cols, float eps) {
    long n = (long) rows * cols;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        int c = (int) (i % cols);
        float scale = 1.f / sqrtf(params[3 * cols + c] + eps) * params[c];
        y[i] = (x[i] - params[2 * cols + c]) * scale + params[cols + c];
    }
}

// Batch norm's backward after batch_norm_forward, one thread per feature c, with g = dL/dy: dbeta = sum_r g,
// dgamma = sum_r g xhat into grads (dgamma at c, dbeta at cols + c), and
// dx = (g - (xhat dgamma + dbeta) / rows) gamma stats[c] (dx may equal g).
extern "C" __global__ void batch_norm_backward(const float* g, const float* xhat, const float* params, const float* stats, float* grads,
                                               float* dx, int rows, int cols) {
    int c = blockIdx.x * blockDim.x + threadIdx.x;
    if (c >= cols) return;
    float db = 0.f, dg = 0.f;
    for (int r = 0; r < rows; r++) {
        long i = (long) r * cols + c;
        db += g[i];
        dg += g[i] * xhat[i];
    }
    grads[c] = dg;
    grads[cols + c] = db;
    float scale = params[c] * stats[c];
    for (int r = 0; r < rows; r++) {
        long i = (long) r * cols + c;
        dx[i] = (g[i] - (xhat[i] * dg + db) * (1.f / rows)) * scale;
    }
}
