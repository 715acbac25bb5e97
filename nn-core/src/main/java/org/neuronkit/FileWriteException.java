package org.neuronkit;

/**
 * Raised when a file cannot be written: the disk is full, the folder is missing or not writable. The
 * file being replaced, if any, is left as it was (see {@link org.neuronkit.io.AtomicFiles}).
 */
public class FileWriteException extends NeuronKitException {
    private static final long serialVersionUID = 1L;

    public FileWriteException(String message, Throwable cause) {
        super(message, cause);
    }

    public FileWriteException(String message) {
        super(message);
    }
}
