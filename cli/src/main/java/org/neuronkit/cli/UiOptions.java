package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.neuronkit.cli.ui.UiServer;
import picocli.CommandLine.Option;

/**
 * {@code train --ui}: the dashboard of the run ({@link UiServer}) from before its first epoch. It reads
 * the run folder only. When the run has ended, the command says so and keeps the dashboard up until
 * Ctrl-C (exit status 130, as any interrupted command; the run folder is complete by then, and its lock
 * released). A failed run stops the dashboard and fails as without {@code --ui}. Ctrl-C during training
 * stops both, as without {@code --ui}: the run continues with {@code --resume}.
 */
final class UiOptions {
    @Option(names = "--ui", description = "Serve the run's live dashboard on 127.0.0.1 and a free port (printed); it stays up after"
            + " the run until Ctrl-C.")
    boolean ui;

    @Option(names = "--ui-bind", paramLabel = "ADDRESS", description = "With --ui: listen on ADDRESS instead (0.0.0.0: every"
            + " interface, without any password).")
    String bind;

    private UiServer server;

    /** Whether the run is to have a dashboard. */
    boolean enabled() {
        return ui || bind != null;
    }

    /** Starts the dashboard over the run folder, if asked for. */
    void start(Path run, PrintWriter out) {
        if (enabled()) {
            server = UiCommand.serve(run, true, bind == null ? UiCommand.LOOPBACK : bind, "--ui-bind", 0, out);
        }
    }

    /** Stops the dashboard (a run that failed). */
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Returns {@code code} at once without a dashboard; else keeps the dashboard up until Ctrl-C. */
    int keepServing(int code, PrintWriter out) throws InterruptedException {
        if (server == null) {
            return code;
        }
        out.println("the run has ended; the dashboard stays up at " + server.url() + " until Ctrl-C");
        out.flush();
        server.awaitClose();
        return code;
    }
}
