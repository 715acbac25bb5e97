package org.neuronkit.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSequence;

/**
 * Batch normalization (Ioffe and Szegedy 2015) of the previous layer's output, feature by feature.
 *
 * <p><b>Training</b> ({@link #forwardTraining}), for each feature j over the batch's N rows:
 * μ_B = (1/N) Σ_n x_nj, σ²_B = (1/N) Σ_n (x_nj − μ_B)² (the biased variance),
 * x̂ = (x − μ_B) / √(σ²_B + ε), y = γ ⊙ x̂ + β; and the running averages move towards the batch's:
 * μ_run ← (1 − m) μ_run + m μ_B, σ²_run ← (1 − m) σ²_run + m σ²_B · N / (N − 1) (the unbiased
 * variance, as PyTorch does), with momentum m (default {@value #MOMENTUM}) and ε (default {@value #EPSILON}). A
 * batch of one row has no variance to estimate: it leaves the running averages as they are (and
 * gives x̂ = 0).
 *
 * <p><b>Inference</b> ({@link #forward}): y = γ ⊙ (x − μ_run) / √(σ²_run + ε) + β, one fixed affine
 * map per feature.
 *
 * <p><b>Backward</b> (after a training pass), with g = ∂L/∂y: ∂L/∂γ = Σ_n g ⊙ x̂, ∂L/∂β = Σ_n g and
 * ∂L/∂x = (γ / √(σ²_B + ε)) ⊙ (g − mean_n(g) − x̂ ⊙ mean_n(g ⊙ x̂)), where the batch statistics are
 * functions of x.
 *
 * <h2>Parameters and state</h2>
 * No weights (nothing for L2). The other region holds 4·M entries: γ (initially 1) and β (0), the
 * learnable parameters, then μ_run (0) and σ²_run (1), which are not trained: their gradient entries
 * are always zero, so an optimizer leaves them alone, and only a training forward pass writes them.
 * Living in the network's flat parameter buffer, they travel wherever the parameters do: replicas,
 * early stopping's best parameters, checkpoints, Spark's broadcast state and model files (as
 * {@code layers.l.running_mean} and {@code layers.l.running_var}).
 *
 * <h2>Shapes</h2>
 * N × M in, N × M out; γ, β, μ_run, σ²_run and the batch statistics are vectors of M. Every op runs in
 * an {@link OpSequence} on buffers kept for the batch size, so a steady-state pass allocates nothing.
 */
public final class BatchNorm extends SameWidthLayer {
    /** The default m, the weight of the batch statistics in the running averages (PyTorch's). */
    public static final double MOMENTUM = 0.1;
    /** The default ε, added to the variance before its square root (PyTorch's). */
    public static final double EPSILON = 1e-5;

    private final double momentum;
    private final double epsilon;
    private final RowBuffer normalizedBuffer;
    private final RowBuffer outputBuffer;
    private final RowBuffer gradientBuffer;
    private final OpSequence inferenceOps = new OpSequence();
    private final OpSequence trainingOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private final OpSequence inferenceBackwardOps = new OpSequence();
    private INDArray gamma;
    private INDArray beta;
    private INDArray runningMean;
    private INDArray runningVariance;
    private INDArray gammaGradient;
    private INDArray betaGradient;
    /** Per-feature vectors of the last pass: μ_B, σ²_B, 1/√(σ²_B + ε) and a scratch vector. */
    private INDArray mean;
    private INDArray variance;
    private INDArray inverseDeviation;
    private INDArray scratch;
    private INDArray normalized;
    private INDArray output;

    /** @param size M, the width of the layer before it; momentum and ε their defaults */
    public BatchNorm(int size) {
        this(size, MOMENTUM, EPSILON);
    }

    /**
     * @param size M, the width of the layer before it
     * @param momentum m in (0, 1]
     * @param epsilon ε &gt; 0
     */
    public BatchNorm(int size, double momentum, double epsilon) {
        super(size);
        if (!(momentum > 0 && momentum <= 1) || !(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new ConfigurationException("batch norm: the momentum must be in (0, 1] and ε a finite number > 0, got m = "
                    + momentum + ", ε = " + epsilon);
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.normalizedBuffer = new RowBuffer(size);
        this.outputBuffer = new RowBuffer(size);
        this.gradientBuffer = new RowBuffer(size);
    }

    /** γ, β, μ_run and σ²_run: 4·M, of which only γ and β are trained. */
    @Override
    public int otherCount() {
        return 4 * size;
    }

    @Override
    public void bind(INDArray weights, INDArray others, INDArray weightGradients, INDArray otherGradients, WeightInit init) {
        gamma = part(others, 0);
        beta = part(others, 1);
        runningMean = part(others, 2);
        runningVariance = part(others, 3);
        gammaGradient = part(otherGradients, 0);
        betaGradient = part(otherGradients, 1);
        if (init != null) {
            gamma.assign(1);
            beta.assign(0);
            runningMean.assign(0);
            runningVariance.assign(1);
        }
    }

    private INDArray part(INDArray region, int k) {
        return region.get(NDArrayIndex.interval((long) k * size, (long) (k + 1) * size));
    }

    /** γ, a view into the network's parameter buffer. */
    public INDArray gamma() {
        return gamma;
    }

    /** β, a view into the network's parameter buffer. */
    public INDArray beta() {
        return beta;
    }

    /** μ_run, a view into the network's parameter buffer. */
    public INDArray runningMean() {
        return runningMean;
    }

    /** σ²_run, a view into the network's parameter buffer. */
    public INDArray runningVariance() {
        return runningVariance;
    }

    /** Inference: y = γ ⊙ (x − μ_run) / √(σ²_run + ε) + β. */
    @Override
    public INDArray forward(INDArray x) {
        vectors(x.dataType());
        output = outputBuffer.rows(x.rows(), x.dataType());
        OpSequence ops = inferenceOps.begin();
        ops.add(runningVariance, epsilon, scratch);
        ops.op("Pow").in(scratch).in(-0.5).out(scratch).run();
        ops.mul(scratch, gamma, scratch);
        ops.sub(x, runningMean, output);
        ops.mul(output, scratch, output);
        ops.add(output, beta, output);
        return output;
    }

    /** Training: normalises with the batch's own statistics and updates the running averages. */
    @Override
    public INDArray forwardTraining(INDArray x) {
        vectors(x.dataType());
        long n = x.rows();
        normalized = normalizedBuffer.rows(n, x.dataType());
        output = outputBuffer.rows(n, x.dataType());
        OpSequence ops = trainingOps.begin();
        ops.columnSum(x, mean);
        ops.mul(mean, 1.0 / n, mean);
        ops.sub(x, mean, normalized);
        ops.mul(normalized, normalized, output);
        ops.columnSum(output, variance);
        ops.mul(variance, 1.0 / n, variance);
        ops.add(variance, epsilon, inverseDeviation);
        ops.op("Pow").in(inverseDeviation).in(-0.5).out(inverseDeviation).run();
        ops.mul(normalized, inverseDeviation, normalized);
        ops.mul(normalized, gamma, output);
        ops.add(output, beta, output);
        if (n > 1) {
            ops.mul(runningMean, 1 - momentum, runningMean);
            ops.mul(mean, momentum, scratch);
            ops.add(runningMean, scratch, runningMean);
            ops.mul(runningVariance, 1 - momentum, runningVariance);
            ops.mul(variance, momentum * n / (n - 1), scratch);
            ops.add(runningVariance, scratch, runningVariance);
        }
        return output;
    }

    /**
     * ∂L/∂γ = Σ g ⊙ x̂ and ∂L/∂β = Σ g into the gradient views; returns
     * ∂L/∂x = (γ / √(σ²_B + ε)) ⊙ (g − (∂L/∂β + x̂ ⊙ ∂L/∂γ) / N), the formula above with
     * mean(g) = ∂L/∂β / N and mean(g ⊙ x̂) = ∂L/∂γ / N.
     */
    @Override
    public INDArray backward(INDArray g, boolean needInputGradient) {
        long n = g.rows();
        INDArray inputGradient = gradientBuffer.rows(n, g.dataType());
        OpSequence ops = backwardOps.begin();
        ops.columnSum(g, betaGradient);
        ops.mul(g, normalized, inputGradient);
        ops.columnSum(inputGradient, gammaGradient);
        if (!needInputGradient) {
            return null;
        }
        ops.mul(normalized, gammaGradient, inputGradient);
        ops.add(inputGradient, betaGradient, inputGradient);
        ops.mul(inputGradient, 1.0 / n, inputGradient);
        ops.sub(g, inputGradient, inputGradient);
        ops.mul(gamma, inverseDeviation, scratch);
        ops.mul(inputGradient, scratch, inputGradient);
        return inputGradient;
    }

    /**
     * Through the inference map y = γ ⊙ (x − μ_run) / √(σ²_run + ε) + β, a fixed affine map per feature:
     * ∂L/∂x = g ⊙ γ / √(σ²_run + ε). The running averages and γ are parameters, not functions of x, so
     * nothing is written to the gradient views.
     */
    @Override
    public INDArray backwardInference(INDArray g) {
        INDArray inputGradient = gradientBuffer.rows(g.rows(), g.dataType());
        OpSequence ops = inferenceBackwardOps.begin();
        ops.add(runningVariance, epsilon, scratch);
        ops.op("Pow").in(scratch).in(-0.5).out(scratch).run();
        ops.mul(scratch, gamma, scratch);
        ops.mul(g, scratch, inputGradient);
        return inputGradient;
    }

    /** The per-feature vectors, made once per data type. */
    private void vectors(DataType type) {
        if (mean == null || mean.dataType() != type) {
            mean = Nd4j.create(type, size);
            variance = Nd4j.create(type, size);
            inverseDeviation = Nd4j.create(type, size);
            scratch = Nd4j.create(type, size);
        }
    }

    @Override
    public INDArray output() {
        return output;
    }

    /** γ, β and the running averages, named as in model files. */
    @Override
    public Map<String, INDArray> parameterViews() {
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put("gamma", gamma);
        views.put("beta", beta);
        views.put("running_mean", runningMean);
        views.put("running_var", runningVariance);
        return views;
    }

    /** ε, for an exporter that writes the inference map. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public LayerSpec spec() {
        return new BatchNormSpec(momentum, epsilon);
    }

    @Override
    public String describe() {
        return "BatchNorm(" + size + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
