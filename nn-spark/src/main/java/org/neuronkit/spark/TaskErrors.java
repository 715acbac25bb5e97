package org.neuronkit.spark;

import org.neuronkit.NeuronKitException;

/**
 * Turns a failed Spark job back into the toolkit's error: a task's {@link NeuronKitException} (bad row,
 * diverged training) reaches the driver wrapped in a SparkException whose message buries it in a
 * stage-failure report; the caller gets the original exception, with its message, instead.
 */
final class TaskErrors {
    private TaskErrors() {
    }

    /** The {@link NeuronKitException} among {@code failure}'s causes, else {@code failure} as unchecked. */
    static RuntimeException unwrap(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NeuronKitException toolkit) {
                return toolkit;
            }
        }
        return failure instanceof RuntimeException unchecked ? unchecked : new NeuronKitException(failure.getMessage(), failure);
    }
}
