package org.neuronkit.activation;

import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.ConfigurationException;
import org.neuronkit.ops.OpSequence;

/**
 * swish(z) = z σ(βz) (docs/chapter.md §1). With s = σ(βz):
 * <pre>
 *   ∂a/∂z = s + βz s(1 − s) = s + β a (1 − s)
 *   ∂a/∂β = z² s(1 − s)     = z a (1 − s)
 * </pre>
 * β is either fixed (β = 0 gives z/2, large β approaches ReLU; GELU's sigmoid form is β = 1.702)
 * or learned, one β per layer or one per neuron; learned β starts at the given value and is not
 * L2-regularised. Every step is a native op of an {@link OpSequence}: nothing is allocated per call.
 */
final class Swish implements ParametricActivation {

    /** Where a learnable β lives. */
    enum Learn { FIXED, PER_LAYER, PER_NEURON }

    private final String name;
    private final double initialBeta;
    private final Learn learn;
    private final Scratch sigmoid = new Scratch();
    private final Scratch product = new Scratch();
    private final OpSequence forwardOps = new OpSequence();
    private final OpSequence backwardOps = new OpSequence();
    private INDArray beta;
    private INDArray betaGradient;

    Swish(String name, double beta, Learn learn) {
        if (!Double.isFinite(beta)) {
            throw new ConfigurationException(name + ": β = " + beta + " must be a finite number");
        }
        this.name = name;
        this.initialBeta = beta;
        this.learn = learn;
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
    public Optional<ActivationFormula> formula() {
        String text = "z*sigma(β*z)";
        if (!name.equals("swish")) {
            return Optional.of(ActivationFormula.of(name, text, Map.of("β", initialBeta)));   // gelu-sigmoid: β is its constant
        }
        ActivationFormula formula = ActivationFormula.of(name, text);
        switch (learn) {
            case PER_LAYER: return Optional.of(formula.learned("β", ActivationFormula.Scope.PER_LAYER, initialBeta));
            case PER_NEURON: return Optional.of(formula.learned("β", ActivationFormula.Scope.PER_NEURON, initialBeta));
            default: return Optional.of(formula.parameter("β", initialBeta));
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

    /** out = β ⊙ x: the fixed β, or the learned 1 × 1 or 1 × M view broadcast over the rows. */
    private void timesBeta(OpSequence ops, INDArray x, INDArray out) {
        if (beta == null) {
            ops.mul(x, initialBeta, out);
        } else {
            ops.mul(x, beta, out);
        }
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        OpSequence ops = forwardOps.begin();
        timesBeta(ops, z, a);
        ops.sigmoid(a, a);
        ops.mul(a, z, a);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        OpSequence ops = backwardOps.begin();
        INDArray s = sigmoid.like(z);
        timesBeta(ops, z, s);
        ops.sigmoid(s, s);
        INDArray slope = product.like(z);
        ops.rsub(1, s, slope);                          // 1 − s
        if (betaGradient != null) {
            // ∂L/∂β = Σ dL/da ⊙ z a (1 − s), over the batch (and over the units for one β per layer)
            ops.mul(slope, a, dLdz);
            ops.mul(dLdz, z, dLdz);
            ops.mul(dLdz, dLda, dLdz);
            if (learn == Learn.PER_NEURON) {
                ops.op("reduce_sum").in(dLdz).out(betaGradient).i(0).b(true).run();
            } else {
                ops.op("reduce_sum").in(dLdz).out(betaGradient).i(0).i(1).b(true).run();
            }
        }
        // dL/dz = dL/da ⊙ (s + β a (1 − s))
        ops.mul(slope, a, slope);
        timesBeta(ops, slope, slope);
        ops.add(slope, s, slope);
        ops.mul(slope, dLda, dLdz);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }

    /** z σ(βz) in double, for a fixed β; null for a learned β (the lean path then refuses the layer). */
    @Override
    public FloatKernel floatKernel() {
        if (learn != Learn.FIXED) {
            return null;
        }
        return (values, rows, width) -> {
            for (int i = 0, n = rows * width; i < n; i++) {
                double z = values.get(i);
                values.put(i, (float) (z / (1 + Math.exp(-initialBeta * z))));
            }
        };
    }
}
