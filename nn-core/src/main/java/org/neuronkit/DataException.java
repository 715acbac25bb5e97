package org.neuronkit;

/** Raised for data that cannot be used as given: wrong shape, a label outside the classes, a non-finite value, an empty set, a bad file. */
public class DataException extends NeuronKitException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
