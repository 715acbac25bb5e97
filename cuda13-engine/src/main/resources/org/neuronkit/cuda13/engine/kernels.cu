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

// One thread per row of the logits z (rows x cols): softmax, cross-entropy -log p[label] = logsumexp(z) - z[label],
// delta = (p - onehot(label)) / rows (if delta is not null), and into sums[0] the sum of the losses, into
// counts[0] the number of rows whose arg-max is the label, into counts[1] the rows with a non-finite loss.
extern "C" __global__ void softmax_cross_entropy(const float* z, const int* labels, float* delta, int rows, int cols,
                                                 float* sums, int* counts) {
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
    float loss = logf(sum) + max - zr[label];
    if (delta != 0) {
        float* dr = delta + (long) r * cols;
        float scale = 1.f / rows;
        for (int c = 0; c < cols; c++) {
            float p = expf(zr[c] - max) / sum;
            dr[c] = (p - (c == label ? 1.f : 0.f)) * scale;
        }
    }
    atomicAdd(sums, loss);
    if (best == label) atomicAdd(counts, 1);
    if (!isfinite(loss)) atomicAdd(counts + 1, 1);
}

// db[c] = sum over rows of delta[r, c]
extern "C" __global__ void column_sums(const float* delta, float* db, int rows, int cols) {
    int c = blockIdx.x * blockDim.x + threadIdx.x;
    if (c >= cols) return;
    float s = 0.f;
    for (int r = 0; r < rows; r++) s += delta[(long) r * cols + c];
    db[c] = s;
}

// L2 on the weight region: grad += lambda * w, and sums[0] += (lambda / 2) * sum(w^2) * weight
extern "C" __global__ void l2_penalty(const float* w, float* grad, float lambda, long n, float* sums, float weight) {
    float s = 0.f;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        float v = w[i];
        grad[i] += lambda * v;
        s += v * v;
    }
    for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffff, s, o);
    if ((threadIdx.x & 31) == 0) atomicAdd(sums, 0.5f * lambda * s * weight);
}

// The finite check: if any g[i] is NaN or infinite, or counts[1] (non-finite losses) is set, bad[0] = min(bad[0], step).
extern "C" __global__ void finite_check(const float* g, long n, const int* counts, int step, int* bad) {
    bool found = blockIdx.x == 0 && threadIdx.x == 0 && counts[1] != 0;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n && !found; i += (long) gridDim.x * blockDim.x) {
        if (!isfinite(g[i])) found = true;
    }
    if (found) atomicMin(bad, step);
}

// The updates do nothing once bad[0] holds a step (the parameters keep their last finite values).
// SGD: p -= lr * g
extern "C" __global__ void sgd_update(float* p, const float* g, float lr, long n, const int* bad) {
    if (bad[0] != 0x7fffffff) return;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        p[i] -= lr * g[i];
    }
}

// momentum: v = mu * v - lr * g; p += v
extern "C" __global__ void momentum_update(float* p, const float* g, float* v, float lr, float mu, long n, const int* bad) {
    if (bad[0] != 0x7fffffff) return;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        float vi = mu * v[i] - lr * g[i];
        v[i] = vi;
        p[i] += vi;
    }
}

// Adam: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr_t m / (sqrt(v) + eps), lr_t = lr sqrt(1 - b2^t) / (1 - b1^t)
extern "C" __global__ void adam_update(float* p, const float* g, float* m, float* v, float lr_t, float b1, float b2, float eps,
                                       long n, const int* bad) {
    if (bad[0] != 0x7fffffff) return;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        float gi = g[i];
        float mi = b1 * m[i] + (1.f - b1) * gi;
        float vi = b2 * v[i] + (1.f - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] -= lr_t * mi / (sqrtf(vi) + eps);
    }
}

// out[r, :] = x[index[r], :], labelsOut[r] = labels[index[r]]   (a shuffled minibatch)
extern "C" __global__ void gather_rows(const float* x, const int* labels, const int* index, float* out, int* labelsOut,
                                       int rows, int cols) {
    long n = (long) rows * cols;
    for (long i = blockIdx.x * (long) blockDim.x + threadIdx.x; i < n; i += (long) gridDim.x * blockDim.x) {
        int r = (int) (i / cols);
        int c = (int) (i % cols);
        int from = index[r];
        out[i] = x[(long) from * cols + c];
        if (c == 0) labelsOut[r] = labels[from];
    }
}
