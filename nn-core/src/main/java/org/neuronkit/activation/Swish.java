package org.neuronkit.activation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.neuronkit.ops.CachedOp;
import org.neuronkit.ops.Constant;

/**
 * swish(z) = z σ(βz) (SPEC §1). With s = σ(βz):
 * <pre>
 *   ∂a/∂z = s + βz s(1 − s) = s + β a (1 − s)
 *   ∂a/∂β = z² s(1 − s)     = z a (1 − s)
 * </pre>
 * β is either fixed (β = 0 gives z/2, large β approaches ReLU; GELU's sigmoid form is β = 1.702)
 * or learned, one β per layer or one per neuron; learned β starts at the given value and is not
 * L2-regularised. Every step is a re-executed native op ({@link CachedOp}): nothing is allocated
 * per call.
 */
final class Swish implements ParametricActivation {

    /** Where a learnable β lives. */
    enum Learn { FIXED, PER_LAYER, PER_NEURON }

    private final String name;
    private final double initialBeta;
    private final Learn learn;
    private final Scratch sigmoid = new Scratch();
    private final Scratch product = new Scratch();
    private final Constant fixedBeta;
    private final Constant one = new Constant(1);
    private INDArray beta;
    private INDArray betaGradient;
    private final CachedOp forwardScale = new CachedOp();
    private final CachedOp forwardSigmoid = new CachedOp();
    private final CachedOp forwardTimesZ = new CachedOp();
    private final CachedOp scale = new CachedOp();
    private final CachedOp squash = new CachedOp();
    private final CachedOp complement = new CachedOp();
    private final CachedOp betaTimesA = new CachedOp();
    private final CachedOp betaTimesZ = new CachedOp();
    private final CachedOp betaTimesUpstream = new CachedOp();
    private final CachedOp betaSum = new CachedOp();
    private final CachedOp slopeTimesA = new CachedOp();
    private final CachedOp slopeTimesBeta = new CachedOp();
    private final CachedOp slopePlusS = new CachedOp();
    private final CachedOp slopeTimesUpstream = new CachedOp();

    Swish(String name, double beta, Learn learn) {
        this.name = name;
        this.initialBeta = beta;
        this.learn = learn;
        this.fixedBeta = new Constant(beta);
    }

    @Override
    public String spec() {
        switch (learn) {
            case PER_LAYER: return "swish(learn," + initialBeta + ")";
            case PER_NEURON: return "swish(learn-neuron," + initialBeta + ")";
            default: return name.equals("swish") ? "swish(" + initialBeta + ")" : name;
        }
    }

    @Override
    public int parameterCount(int units) {
        switch (learn) {
            case PER_LAYER: return 1;
            case PER_NEURON: return units;
            default: return 0;
        }
    }

    @Override
    public void bind(INDArray parameters, INDArray gradients, boolean initialise) {
        if (learn == Learn.FIXED) {
            return;
        }
        beta = parameters.reshape(1, parameters.length());
        betaGradient = gradients.reshape(1, gradients.length());
        if (initialise) {
            beta.assign(initialBeta);
        }
    }

    /** β as an operand: the fixed constant, or the learned 1 × 1 or 1 × M view (broadcast over rows). */
    private INDArray betaOperand(DataType type) {
        return beta == null ? fixedBeta.of(type) : beta;
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        forwardScale.runBinary("multiply", z, betaOperand(z.dataType()), a);
        forwardSigmoid.runUnary("sigmoid", a, a);
        forwardTimesZ.runBinary("multiply", a, z, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        DataType type = z.dataType();
        INDArray s = sigmoid.like(z);
        scale.runBinary("multiply", z, betaOperand(type), s);
        squash.runUnary("sigmoid", s, s);
        INDArray slope = product.like(z);
        complement.runBinary("reversesubtract", s, one.of(type), slope);          // 1 − s
        if (betaGradient != null) {
            // ∂L/∂β = Σ dL/da ⊙ z a (1 − s), over the batch (and over the units for one β per layer)
            betaTimesA.runBinary("multiply", slope, a, dLdz);
            betaTimesZ.runBinary("multiply", dLdz, z, dLdz);
            betaTimesUpstream.runBinary("multiply", dLdz, dLda, dLdz);
            if (betaSum.stale(dLdz, betaGradient)) {
                int[] dimensions = learn == Learn.PER_NEURON ? new int[] {0} : new int[] {0, 1};
                betaSum.prepare(DynamicCustomOp.builder("reduce_sum").addInputs(dLdz).addOutputs(betaGradient)
                        .addIntegerArguments(dimensions).addBooleanArguments(true).build(), dLdz, betaGradient);
            }
            betaSum.run();
        }
        // dL/dz = dL/da ⊙ (s + β a (1 − s))
        slopeTimesA.runBinary("multiply", slope, a, slope);
        slopeTimesBeta.runBinary("multiply", slope, betaOperand(type), slope);
        slopePlusS.runBinary("add", slope, s, slope);
        slopeTimesUpstream.runBinary("multiply", slope, dLda, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
