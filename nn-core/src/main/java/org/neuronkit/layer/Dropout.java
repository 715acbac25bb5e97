package org.neuronkit.layer;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSequence;

/**
 * Inverted dropout (Srivastava et al. 2014) on the previous layer's output, during training only:
 * a = x ⊙ m / (1 − p) with m_ij ~ Bernoulli(1 − p) drawn afresh for every training forward pass, so
 * the expected activation is unchanged and inference is the identity, a = x. Backward:
 * ∂L/∂x = ∂L/∂a ⊙ m / (1 − p), with the mask of the last training pass. No parameters.
 *
 * <p>The mask of the k-th training pass is drawn from a generator seeded with (seed, k): the pass
 * counter is the layer's whole {@link #randomState()}, so a checkpoint that saves it and restores it
 * with {@link #restoreRandomState} resumes with the same masks as an uninterrupted run.
 *
 * <h2>Shapes</h2>
 * N × size in, N × size out; the mask is N × size.
 */
public final class Dropout extends SameWidthLayer {
    private final double rate;
    private Long seed;
    private final RowBuffer maskBuffer;
    private final RowBuffer outputBuffer;
    private final RowBuffer gradientBuffer;
    private Random random;
    private long passes;
    private INDArray mask;
    private INDArray output;
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();

    /**
     * @param size the width of the layer before it
     * @param rate p, the probability of dropping a unit, in [0, 1)
     * @param seed seed of the masks, or null to take one from the network's seed when it is built
     */
    public Dropout(int size, double rate, Long seed) {
        super(size);
        if (!(rate >= 0 && rate < 1)) {
            throw new ConfigurationException("the dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
        this.maskBuffer = new RowBuffer(size);
        this.outputBuffer = new RowBuffer(size);
        this.gradientBuffer = new RowBuffer(size);
    }

    public double rate() {
        return rate;
    }

    /** The seed of the masks (null until the network is built, if none was given). */
    public Long seed() {
        return seed;
    }

    /** Sets the seed if none was given (the network builder derives one from its own seed). */
    @Override
    public void seedIfUnset(long networkSeed) {
        if (seed == null) {
            seed = networkSeed;
        }
    }

    /** One word: the number of training passes so far, the mask generator's state. */
    @Override
    public long[] randomState() {
        return new long[] {passes};
    }

    /** Continues from a saved {@link #randomState()}: the next training pass draws that pass's mask. */
    @Override
    public void restoreRandomState(long[] state) {
        if (state.length != 1) {
            throw new ConfigurationException(describe() + ": its random state is 1 word, got " + state.length);
        }
        this.passes = state[0];
    }

    @Override
    public LayerSpec spec() {
        return new DropoutSpec(rate, seed);
    }

    @Override
    public int otherCount() {
        return 0;
    }

    @Override
    public void bind(INDArray weights, INDArray others, INDArray weightGradients, INDArray otherGradients, WeightInit init) {
        // no parameters
    }

    /** Inference: the identity. */
    @Override
    public INDArray forward(INDArray input) {
        output = input;
        return input;
    }

    /** Training: x ⊙ m / (1 − p) with this pass's mask. */
    @Override
    public INDArray forwardTraining(INDArray input) {
        mask = maskBuffer.rows(input.rows(), input.dataType());
        if (random == null) {
            random = Nd4j.getRandomFactory().getNewRandomInstance(seed == null ? 0 : seed);
        }
        random.setSeed((seed == null ? 0 : seed) * 1_000_003L + passes++);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, 1 - rate), random);
        OpSequence ops = forwardOps.begin();
        ops.div(mask, 1 - rate, mask);
        output = outputBuffer.rows(input.rows(), input.dataType());
        ops.mul(input, mask, output);
        return output;
    }

    @Override
    public INDArray backward(INDArray gradOutput, boolean needInputGradient) {
        if (!needInputGradient) {
            return null;
        }
        INDArray gradient = gradientBuffer.rows(gradOutput.rows(), gradOutput.dataType());
        backwardOps.begin().mul(gradOutput, mask, gradient);
        return gradient;
    }

    /** Inference is the identity, so ∂L/∂x = ∂L/∂a, the array given (no mask). */
    @Override
    public INDArray backwardInference(INDArray gradOutput) {
        return gradOutput;
    }

    @Override
    public INDArray output() {
        return output;
    }

    @Override
    public Map<String, INDArray> parameterViews() {
        return Map.of();
    }

    @Override
    public String describe() {
        return "Dropout(" + size + ", p = " + rate + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
