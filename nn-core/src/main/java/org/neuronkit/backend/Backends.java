package org.neuronkit.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.neuronkit.ConfigurationException;

/** Finds the {@link Backend} service that the classpath provides. */
public final class Backends {

    private Backends() {
    }

    /**
     * The active backend.
     *
     * @throws ConfigurationException when no backend module is on the classpath, naming the
     *     modules to add
     */
    public static Backend current() {
        List<Backend> found = new ArrayList<>();
        for (Backend backend : ServiceLoader.load(Backend.class)) {
            found.add(backend);
        }
        return select(found);
    }

    static Backend select(List<Backend> found) {
        if (found.isEmpty()) {
            throw new ConfigurationException(
                    "no NeuronKit backend on the classpath: add the dependency org.neuronkit:backend-cpu "
                            + "(CPU, the default) or org.neuronkit:backend-cuda (NVIDIA GPU, Maven profile -Pcuda)");
        }
        for (Backend backend : found) {
            if (backend.isActive()) {
                return backend;
            }
        }
        return found.get(0);
    }
}
