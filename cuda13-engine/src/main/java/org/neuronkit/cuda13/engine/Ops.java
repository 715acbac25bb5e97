package org.neuronkit.cuda13.engine;

/**
 * The primitive operations of a training step: memory, the GEMM, and one method per kernel of
 * {@code kernels.cu}. {@link CudaOps} runs them on a GPU (cuBLAS and the PTX kernels), {@link ReferenceOps}
 * on the CPU in plain Java with the same float arithmetic, so that {@link Mlp}'s step is one algorithm
 * checked on both. Matrices are row-major; "n" counts elements.
 *
 * <p>{@code sums} is one float, {@code counts} two ints (correct predictions, non-finite losses) and
 * {@code bad} one int holding the first update whose gradient or loss was not finite, or
 * {@link #NO_BAD_STEP}; the update methods do nothing once {@code bad} holds a step.
 */
public interface Ops extends AutoCloseable {

    /** The value of {@code bad} while every step has been finite (Integer.MAX_VALUE). */
    int NO_BAD_STEP = Integer.MAX_VALUE;

    /** n floats, zeroed. */
    Buffer floats(long n);

    /** n ints, zeroed. */
    Buffer ints(long n);

    void upload(float[] source, Buffer target);

    void upload(int[] source, Buffer target);

    void download(Buffer source, float[] target);

    void download(Buffer source, int[] target);

    /** C = op(A) op(B), C m × n, op(A) m × k, op(B) k × n; op(X) = Xᵀ when trans is set. */
    void gemm(boolean transA, boolean transB, int m, int n, int k, Buffer a, Buffer b, Buffer c);

    /** z[r, c] += b[c], then a = f(z); z is rows × cols. */
    void biasActivation(HiddenActivation f, Buffer z, Buffer b, Buffer a, int rows, int cols);

    /** delta = f′(z) ⊙ grad (grad = ∂L/∂a, delta = ∂L/∂z; delta may be grad). */
    void activationBackward(HiddenActivation f, Buffer z, Buffer a, Buffer grad, Buffer delta, long n);

    /**
     * For each row of the logits z: p = softmax(z), loss = u (logsumexp(z) − z[label]) added to sums[0], with u the
     * weight of the row's class ({@code classWeights[label]}, 1 when classWeights is null); counts[0] += 1 when
     * arg-max z = label, counts[1] += 1 when the loss is not finite; and, when delta is not null,
     * delta = u (p − onehot(label)) / rows.
     */
    void softmaxCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts);

    /**
     * For each row of the logits z (rows × cols): logistic outputs p = σ(z) and the binary cross-entropy summed
     * over the outputs, L = Σ_c max(z_c, 0) − y_c z_c + log(1 + e^−|z_c|), times the class weight u (as
     * {@link #softmaxCrossEntropy}), with y = label for one output and onehot(label) for several; sums[0] += uL,
     * counts[0] += 1 when Σ_c p_c y_c ≥ max_c p_c, counts[1] += 1 when L is not finite; delta = u (p − y) / rows
     * when delta is not null.
     */
    void logisticCrossEntropy(Buffer z, Buffer labels, Buffer classWeights, Buffer delta, int rows, int cols, Buffer sums, Buffer counts);

    /**
     * A residual loss over rows × cols outputs ŷ = f(z) and targets y, r = ŷ − y: squared error ρ = r²/2, Huber
     * (ρ = r²/2 for |r| ≤ h, h(|r| − h/2) beyond) or absolute error ρ = |r|; sums[0] += Σρ, counts[1] += the
     * non-finite ρ; delta = f′(z) ρ′(r) / rows when delta is not null.
     */
    void residualLoss(OutputLoss loss, float h, HiddenActivation f, Buffer z, Buffer y, Buffer delta, int rows, int cols, Buffer sums, Buffer counts);

    /** db[c] = Σ_r delta[r, c]. */
    void columnSums(Buffer delta, Buffer db, int rows, int cols);

    /**
     * L1 and L2 over n weights: grad += λ₂w + λ₁ sign(w) (sign(0) = 0), and
     * sums[0] += ((λ₂/2) Σw² + λ₁ Σ|w|) · weight.
     */
    void penalty(Buffer w, Buffer grad, float l1, float l2, long n, Buffer sums, float weight);

    /**
     * clock[0] (updates so far, Adam's t) and clock[1] (the step within the epoch, from 1) each go up by one;
     * norm[0] = 0 (the step's squared gradient norm).
     */
    void beginStep(Buffer clock, Buffer norm);

    /** g_i = clamp(g_i, −maxValue, maxValue) (maxValue may be +∞), and norm[0] += Σ g_i² after the clamp. */
    void clipByValue(Buffer g, long n, float maxValue, Buffer norm);

    /** g = g · maxNorm / √norm[0] when √norm[0] &gt; maxNorm. */
    void clipByNorm(Buffer g, long n, float maxNorm, Buffer norm);

    /** At the epoch's first step (clock[1] = 1): first[0] = sums[0] / rows, that step's risk. */
    void noteFirstRisk(Buffer sums, Buffer clock, float rows, Buffer first);

    /** bad[0] = min(bad[0], clock[1]) if any of g's n values is not finite or counts[1] ≠ 0. */
    void finiteCheck(Buffer g, long n, Buffer counts, Buffer clock, Buffer bad);

    /**
     * One optimizer update of the n parameters p from the gradient g, with the rule's state buffers s1, s2
     * (null where the rule has fewer), at learning rate α = rates[clock[1] − 1] and update count t = clock[0],
     * unless bad is set. The rules: {@link UpdateKind} and kernels.cu's {@code optimizer_update}.
     */
    void update(UpdateKind.Update rule, Buffer p, Buffer g, Buffer s1, Buffer s2, Buffer rates, Buffer clock, long n, Buffer bad);

    /**
     * The minibatch of the step the clock holds: with s = clock[1] − 1 and i_r = index[s · batch + r],
     * out[r, :] = x[i_r, :] (cols floats) and targetsOut[r, :] = targets[i_r, :] (targetCols 4-byte words) for
     * r &lt; rows. The step comes from device memory, so that every step's launch is the same.
     */
    void gatherRows(Buffer x, Buffer targets, Buffer index, Buffer clock, int batch, Buffer out, Buffer targetsOut, int rows, int cols,
            int targetCols);

    /**
     * Inverted dropout at rate p in training over n values: unit i of the step t = clock[0] is kept when
     * {@link ReferenceOps#dropoutUniform}(seed, t, i) ≥ p; mask[i] = 1/(1 − p) when kept, else 0; y = x ⊙ mask.
     */
    void dropoutForward(long seed, float rate, Buffer clock, Buffer x, Buffer mask, Buffer y, long n);

    /** Dropout's backward: out = grad ⊙ mask (out may be grad). */
    void dropoutBackward(Buffer mask, Buffer grad, Buffer out, long n);

    /**
     * Batch norm in training of x (rows × cols), params = [γ, β, μ_run, σ²_run] (cols each): per feature μ, the biased
     * variance σ², stats[c] = 1/√(σ² + ε), xhat = (x − μ) stats, y = γ xhat + β; when rows &gt; 1 and bad is unset,
     * μ_run ← (1 − m) μ_run + m μ, σ²_run ← (1 − m) σ²_run + m σ² rows/(rows − 1) (nn-core's BatchNorm).
     */
    void batchNormForward(Buffer x, Buffer params, Buffer xhat, Buffer y, Buffer stats, int rows, int cols, float momentum, float epsilon,
            Buffer bad);

    /** Batch norm in inference: y = (x − μ_run) (γ / √(σ²_run + ε)) + β. */
    void batchNormInference(Buffer x, Buffer params, Buffer y, int rows, int cols, float epsilon);

    /**
     * Batch norm's backward after {@link #batchNormForward}, g = ∂L/∂y: grads[c] = ∂L/∂γ = Σ_r g xhat, grads[cols + c] =
     * ∂L/∂β = Σ_r g, and dx = (g − (xhat ∂L/∂γ + ∂L/∂β)/rows) γ stats (dx may be g).
     */
    void batchNormBackward(Buffer g, Buffer xhat, Buffer params, Buffer stats, Buffer grads, Buffer dx, int rows, int cols);

    /** What replays this Ops' captured steps: CUDA graphs on a GPU, the recorded step itself on the CPU. */
    StepGraphs.Executor graphExecutor();

    /** Waits until every operation issued so far has finished (for honest timings). */
    void synchronize();

    /** What runs the operations, e.g. {@code CPU reference} or the GPU's name. */
    String device();

    @Override
    void close();
}
