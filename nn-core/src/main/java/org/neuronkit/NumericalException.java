package org.neuronkit;

/** Raised for training that produced a NaN or infinite loss, gradient or activation; training stops before the bad values reach the parameters. */
public class NumericalException extends NeuronKitException {
    private static final long serialVersionUID = 1L;

    public NumericalException(String message) {
        super(message);
    }

    public NumericalException(String message, Throwable cause) {
        super(message, cause);
    }
}
