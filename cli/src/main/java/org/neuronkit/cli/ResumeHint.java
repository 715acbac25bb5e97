package org.neuronkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A shutdown hook, installed while {@code train} runs its epochs, that says on standard error how to
 * continue the run when the process is stopped (Ctrl-C, {@code kill}): the last checkpoint stays in the
 * run folder and {@code neuronkit train --resume RUN} continues from it.
 */
final class ResumeHint extends Thread implements AutoCloseable {
    private final Path run;
    private final PrintStream err;

    private ResumeHint(Path run, PrintStream err) {
        super("neuronkit-resume-hint");
        this.run = run;
        this.err = err;
    }

    /** Installs the hook for {@code run}; {@link #close} removes it when training ends normally. */
    static ResumeHint install(Path run) {
        ResumeHint hint = new ResumeHint(run, System.err);
        Runtime.getRuntime().addShutdownHook(hint);
        return hint;
    }

    /** The message, e.g. {@code interrupted: continue from the last checkpoint with: neuronkit train --resume runs/x}. */
    static String message(Path run) {
        return "\ninterrupted: continue from the last checkpoint with: neuronkit train --resume " + run;
    }

    @Override
    public void run() {
        err.println(message(run));
        err.flush();
    }

    /** Removes the hook (training ended, or failed with its own message). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(this);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the hook runs and says how to resume
        }
    }
}
