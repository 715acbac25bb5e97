package org.neuronkit;

/** Raised for a network, optimizer, trainer or command that is configured inconsistently or with an out-of-range value. */
public class ConfigurationException extends NeuronKitException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
