package org.neuronkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neuronkit.ConfigurationException;

/**
 * The check every command that writes a file makes before it reads anything: its output must not be
 * one of its inputs, or the command would replace the file it is reading (e.g. {@code predict --output}
 * naming the model). Two paths are the same file when they resolve to one (links followed), or, for a
 * file that does not exist yet, when their normalised absolute paths are equal.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /**
     * @param option the output's option, e.g. {@code --output}
     * @param inputs each input file by its option, e.g. {@code --model → model.safetensors}
     * @throws ConfigurationException naming both options and the file when the output is an input
     */
    static void requireNotAnInput(String option, Path output, Map<String, Path> inputs) {
        inputs.forEach((inputOption, input) -> {
            if (input != null && same(output, input)) {
                throw new ConfigurationException(option + " " + output + " is the file " + inputOption + " reads: writing it would replace"
                        + " the input; give another file");
            }
        });
    }

    private static boolean same(Path a, Path b) {
        if (Files.exists(a) && Files.exists(b)) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                return false; // unreadable: the command's own read reports it
            }
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
