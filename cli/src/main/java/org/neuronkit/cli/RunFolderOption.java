package org.neuronkit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --out DIR} option of the commands that write a run folder (default {@code runs/<timestamp>}). */
final class RunFolderOption {
    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/<timestamp>).")
    Path out;

    /** Creates the chosen folder, or {@code runs/<timestamp>}. */
    RunFolder create() {
        return RunFolder.create(out);
    }
}
