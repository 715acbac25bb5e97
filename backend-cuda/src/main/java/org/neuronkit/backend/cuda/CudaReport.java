package org.neuronkit.backend.cuda;

import java.util.Map;
import org.neuronkit.ConfigurationException;
import org.neuronkit.backend.Backend;
import org.neuronkit.backend.Backends;

/**
 * Prints the report of the backend on the classpath, one {@code key: value} line each, or the
 * preflight's message and exit status 2 when the CUDA backend cannot start. {@code gpu-check.sh} runs it.
 */
public final class CudaReport {

    private CudaReport() {
    }

    public static void main(String[] args) {
        try {
            Backend backend = Backends.current();
            for (Map.Entry<String, String> entry : backend.report().entrySet()) {
                System.out.println(entry.getKey() + ": " + entry.getValue());
            }
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
