package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;

/**
 * swish(z) = z σ(βz) (SPEC §1). With s = σ(βz):
 * <pre>
 *   ∂a/∂z = s + βz s(1 − s) = s + β a (1 − s)
 *   ∂a/∂β = z² s(1 − s)     = z a (1 − s)
 * </pre>
 * β is either fixed (β = 0 gives z/2, large β approaches ReLU; GELU's sigmoid form is β = 1.702)
 * or learned, one β per layer or one per neuron; learned β starts at the given value and is not
 * L2-regularised.
 */
final class Swish implements ParametricActivation {

    /** Where a learnable β lives. */
    enum Learn { FIXED, PER_LAYER, PER_NEURON }

    private final String name;
    private final double initialBeta;
    private final Learn learn;
    private final Scratch sigmoid = new Scratch();
    private final Scratch product = new Scratch();
    private INDArray beta;
    private INDArray betaGradient;

    Swish(String name, double beta, Learn learn) {
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

    /** s = σ(βz) into {@code s}. */
    private void sigmoidOfScaled(INDArray z, INDArray s) {
        if (beta == null) {
            s.assign(z).muli(initialBeta);
        } else if (learn == Learn.PER_NEURON) {
            s.assign(z).muliRowVector(beta);
        } else {
            s.assign(z).muli(beta.getDouble(0));
        }
        Nd4j.exec(new Sigmoid(s, s));
    }

    @Override
    public void forward(INDArray z, INDArray a) {
        sigmoidOfScaled(z, a);
        a.muli(z);
    }

    @Override
    public void backward(INDArray z, INDArray a, INDArray dLda, INDArray dLdz) {
        INDArray s = sigmoid.like(z);
        sigmoidOfScaled(z, s);
        INDArray oneMinusS = product.like(z).assign(s).rsubi(1.0);
        if (betaGradient != null) {
            // ∂L/∂β = Σ dL/da ⊙ z a (1 − s), over the batch (and over the units for one β per layer)
            dLdz.assign(oneMinusS).muli(a).muli(z).muli(dLda);
            INDArray perUnit = dLdz.sum(0);
            betaGradient.assign(learn == Learn.PER_NEURON ? perUnit.reshape(betaGradient.shape()) : perUnit.sum());
        }
        // dL/dz = dL/da ⊙ (s + β a (1 − s))
        oneMinusS.muli(a);
        if (beta == null) {
            oneMinusS.muli(initialBeta);
        } else if (learn == Learn.PER_NEURON) {
            oneMinusS.muliRowVector(beta);
        } else {
            oneMinusS.muli(beta.getDouble(0));
        }
        dLdz.assign(s).addi(oneMinusS).muli(dLda);
    }

    @Override
    public boolean rectifierLike() {
        return true;
    }
}
