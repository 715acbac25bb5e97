package org.neuronkit;

/**
 * The root of every exception NeuronKit raises on purpose, so that a host program can catch the
 * toolkit's failures in one place. The subtypes say what kind of thing went wrong:
 * {@link DataException} (the data given), {@link ConfigurationException} (how a network, optimizer
 * or command was configured), {@link ModelFileException} (a model or checkpoint file) and
 * {@link NumericalException} (training produced NaN or infinity).
 */
public class NeuronKitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NeuronKitException(String message) {
        super(message);
    }

    public NeuronKitException(String message, Throwable cause) {
        super(message, cause);
    }
}
