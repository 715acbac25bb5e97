package org.neuronkit.backend;

/**
 * A backend's thread configuration, applied inside the JVM before ND4J loads its native libraries:
 * what {@code scripts/thread-env.sh} sets for the launcher, for programs that embed NeuronKit and
 * start with no environment variables (docs/design.md, "Threads"). Registered through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.neuronkit.backend.ThreadDefaults})
 * and run once by {@link ThreadSetup}. A value the user has set always wins.
 */
public interface ThreadDefaults {

    /**
     * Applies the defaults for the settings the user left unset. Called before NeuronKit's first
     * native call; an implementation may initialise ND4J itself afterwards.
     */
    void apply();
}
