package org.neuronkit.backend;

import java.util.ServiceLoader;

/**
 * Runs every {@link ThreadDefaults} on the classpath once, before ND4J loads its native libraries.
 * The classes through which a program first reaches ND4J (data sets, readers, the network builder,
 * model files) call {@link #ensure()} from their static initialisers, so an embedding program gets
 * the launcher's thread settings without any environment variable. {@code -Dneuronkit.threadDefaults=false}
 * turns this off.
 */
public final class ThreadSetup {
    /** The system property that turns the defaults off when set to {@code false}. */
    public static final String PROPERTY = "neuronkit.threadDefaults";
    private static boolean done;

    private ThreadSetup() {
    }

    /** Applies the backends' thread defaults, the first time only. */
    public static synchronized void ensure() {
        if (done) {
            return;
        }
        done = true;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return;
        }
        for (ThreadDefaults defaults : ServiceLoader.load(ThreadDefaults.class)) {
            defaults.apply();
        }
    }
}
