package org.neuronkit;

/** Raised for a model or checkpoint file that cannot be written, or is truncated, corrupted or not a NeuronKit file. */
public class ModelFileException extends NeuronKitException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
