package org.neuronkit.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.neuronkit.ConfigurationException;
import org.neuronkit.cli.ui.RunFiles;
import org.neuronkit.cli.ui.UiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neuronkit ui [FOLDER]}: the dashboard ({@link UiServer}) over a folder of runs (default
 * {@code runs}), a study folder, or one run folder, until Ctrl-C. It reads the run folders only, so it
 * may watch runs that other processes are training, and stopping it never touches them.
 */
@Command(name = "ui", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serve the dashboard of a folder of runs (live charts, the run list, runs overlaid) until Ctrl-C.")
final class UiCommand implements Callable<Integer> {
    /** The files of a training run that the dashboard reads. */
    static final RunFiles RUN_FILES = new RunFiles(MetricsCsv.FILE, TrainSettings.FILE, RunFolder.REPORT, GradientTable.CSV);
    static final String LOOPBACK = "127.0.0.1";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "runs", paramLabel = "FOLDER",
            description = "A folder of run folders (and of studies' folders of runs), or one run folder (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--bind", defaultValue = LOOPBACK, paramLabel = "ADDRESS",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 opens it to the network,"
                    + " without any password).")
    String bind;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "The port (default: 0, a free one).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationException("no folder " + folder + ": give a folder of runs (neuronkit ui runs) or a run folder");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("--port takes 0 (a free port) to 65535, got " + port);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (UiServer server = serve(folder, false, bind, "--bind", port, out)) {
            out.println("serving until Ctrl-C");
            out.flush();
            server.awaitClose();
        }
        return 0;
    }

    /**
     * Starts the dashboard over {@code root}, a folder of runs or ({@code oneRun}) the folder of one run,
     * and prints its address ({@code Dashboard: http://127.0.0.1:PORT/}).
     */
    static UiServer serve(Path root, boolean oneRun, String bind, String option, int port, PrintWriter out) {
        UiServer server = oneRun ? UiServer.startForRun(root, RUN_FILES, address(bind, option), port)
                : UiServer.start(root, RUN_FILES, address(bind, option), port);
        out.println("Dashboard: " + server.url());
        if (!server.loopback()) {
            out.println("warning: the dashboard listens on " + bind + ": anyone who can reach this machine can read these runs");
        }
        out.flush();
        return server;
    }

    private static InetAddress address(String bind, String option) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ConfigurationException(option + ": no such address '" + bind + "' (e.g. 127.0.0.1, or 0.0.0.0 for every interface)");
        }
    }
}
