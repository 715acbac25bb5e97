package org.neuronkit.activation;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation with learnable parameters (swish's β). The layer that owns it gives it views into
 * the network's flat parameter and gradient buffers; {@link #backward} then also writes
 * ∂L/∂(parameters), summed over the batch, into the gradient view.
 */
public interface ParametricActivation extends Activation {

    /** How many parameters the activation needs for a layer of {@code units} neurons. */
    int parameterCount(int units);

    /**
     * Binds the parameter and gradient views (each of length {@link #parameterCount}) and
     * writes the initial parameter values.
     */
    void bind(INDArray parameters, INDArray gradients, boolean initialise);
}
