package org.neuronkit.optim;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSequence;

/**
 * AdamW (Loshchilov &amp; Hutter 2019): {@link Adam} with decoupled weight decay. Each step first shrinks
 * the weights, W ← W − αλW, then takes Adam's step on g = ∂R/∂θ: m ← β₁m + (1−β₁)g,
 * v ← β₂v + (1−β₂)g², θ ← θ − α_t m / (√v + ε) with α_t = α √(1−β₂ᵗ) / (1−β₁ᵗ). Together:
 * θ ← θ − (α_t m / (√v + ε) + αλθ) on the weights, where α is the current (scheduled) rate and the decay
 * uses the weights from before the step, as in the paper's algorithm. Unlike L2, the decay never enters
 * g, so Adam's moments do not rescale it.
 *
 * <p>Only the weights decay, as only they carry L2: the first {@link #setWeightCount weightCount}
 * entries of the flat buffer (the trainer tells it the network's weight region). An AdamW used
 * outside a trainer and never told decays every entry, biases included, as PyTorch's AdamW does with
 * one parameter group. With AdamW the network's own L2 λ is usually 0; both can be combined.
 *
 * <p>State: Adam's m, v (the parameters' shape) and step count t. Per step: one multiplication of the
 * weight region by 1 − αλ, then Adam's fused op and subtraction.
 */
public final class AdamW implements Optimizer {
    /** λ of {@link Optimizers#byName}: PyTorch's default. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;
    private final Adam adam;
    private final double weightDecay;
    private long weightCount = -1;
    private INDArray decayed;
    private INDArray decayedOf;
    private final OpSequence decayOps = new OpSequence();

    /** With Adam's default β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸. */
    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, 0.9, 0.999, 1e-8, weightDecay);
    }

    /** @param weightDecay λ ≥ 0, the decoupled decay per unit of learning rate */
    public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        this.adam = new Adam(learningRate, beta1, beta2, epsilon);
        this.weightDecay = checkedWeightDecay(weightDecay);
    }

    /** λ itself, if finite and ≥ 0; else a ConfigurationException. */
    static double checkedWeightDecay(double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new ConfigurationException("AdamW's weight decay λ must be a finite number ≥ 0, got " + weightDecay);
        }
        return weightDecay;
    }

    @Override
    public void setWeightCount(long weightCount) {
        if (weightCount < 0) {
            throw new ConfigurationException("the weight count must be ≥ 0, got " + weightCount);
        }
        this.weightCount = weightCount;
        this.decayedOf = null;
    }

    @Override
    public void prepare(INDArray parameters) {
        adam.prepare(parameters);
        if (decayedOf != parameters) {
            long count = weightCount < 0 ? parameters.length() : Math.min(weightCount, parameters.length());
            decayed = count == 0 ? null : count == parameters.length() ? parameters : parameters.get(NDArrayIndex.interval(0, count));
            decayedOf = parameters;
        }
    }

    @Override
    public void step(INDArray parameters, INDArray gradients) {
        prepare(parameters);
        if (decayed != null && weightDecay > 0) {
            decayOps.begin().mul(decayed, 1 - learningRate() * weightDecay, decayed);
        }
        adam.step(parameters, gradients);
    }

    @Override
    public double learningRate() {
        return adam.learningRate();
    }

    @Override
    public void setLearningRate(double learningRate) {
        adam.setLearningRate(learningRate);
    }

    @Override
    public RateSchedule schedule() {
        return adam.schedule();
    }

    @Override
    public void setSchedule(RateSchedule schedule) {
        adam.setSchedule(schedule);
    }

    @Override
    public void startStep(int epoch, int step, int stepsPerEpoch, int epochs) {
        adam.startStep(epoch, step, stepsPerEpoch, epochs);
    }

    @Override
    public Map<String, INDArray> state() {
        return adam.state();
    }

    @Override
    public AdamWSpec spec() {
        AdamSpec rule = adam.spec();
        return new AdamWSpec(rule.lr(), rule.beta1(), rule.beta2(), rule.eps(), weightDecay);
    }
}
