package org.neuronkit.cli;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.FileWriteException;
import org.neuronkit.ModelFileException;
import org.neuronkit.NeuronKitException;
import org.neuronkit.NumericalException;

/**
 * The exit status of {@code neuronkit}, one per kind of failure, so that a script can tell them apart;
 * listed in every command's usage footer ({@link #footer()}, each line within 80 columns) and in
 * docs/usage.md.
 */
enum ExitCode {
    OK(0, null, "success"),
    INTERNAL(1, null, "an unexpected error (a bug; the stack trace is printed)"),
    USAGE(2, null, "the command line is wrong (unknown option, missing or bad value)"),
    CONFIGURATION(3, ConfigurationException.class, "an option's value is refused (ConfigurationException)"),
    DATA(4, DataException.class, "the data are unusable (DataException)"),
    MODEL_FILE(5, ModelFileException.class, "a model or checkpoint file is damaged (ModelFileException)"),
    NUMERICAL(6, NumericalException.class, "training diverged: NaN or infinite values (NumericalException)"),
    IO(7, FileWriteException.class, "a file could not be read or written (disk full, no permission)"),
    /** After the specific kinds: the first constant whose kind matches wins. */
    TOOLKIT(8, NeuronKitException.class, "another NeuronKit error (NeuronKitException)"),
    INTERRUPTED(130, null, "stopped by Ctrl-C; train prints how to --resume");

    final int code;
    private final Class<? extends Exception> kind;
    final String meaning;

    ExitCode(int code, Class<? extends Exception> kind, String meaning) {
        this.code = code;
        this.kind = kind;
        this.meaning = meaning;
    }

    /** The exit code for an exception a command threw, or null when it is not a known kind (picocli then prints the stack trace). */
    static ExitCode of(Exception e) {
        if (e instanceof UncheckedIOException) {
            return IO;
        }
        for (ExitCode c : values()) {
            if (c.kind != null && c.kind.isInstance(e)) {
                return c;
            }
        }
        return null;
    }

    /** The usage footer's list, one {@code  N  meaning} line each. */
    static String footer() {
        return "%nExit codes:%n" + Arrays.stream(values()).map(c -> String.format("  %3d  %s", c.code, c.meaning))
                .collect(Collectors.joining("%n")) + "%n%nArgument files: neuronkit train @FILE reads arguments from FILE (separated by spaces or line breaks;"
                + " quote a value with spaces; a line starting with # is a comment). See docs/usage.md.";
    }
}
