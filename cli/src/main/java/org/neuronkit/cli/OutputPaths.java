package org.neuronkit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neuronkit.ConfigurationException;

/**
 * The checks every command that writes a file makes before it reads anything: its output must not be
 * one of its inputs, or the command would replace the file it is reading (e.g. {@code predict --output}
 * naming the model), nor one of a run folder's own files ({@link RunFolder#RUN_FILES}, its marker and
 * lock) where a run lies, or it would damage that run; and a training run's inputs must not lie in its
 * folder under a name the run writes. Two paths are the same file when they resolve to one (links
 * followed), or, for a file that does not exist yet, when their normalised absolute paths are equal.
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
        requireNotARunFile(option, output);
    }

    /**
     * @throws ConfigurationException when {@code output} names one of the files of the run in its folder (a
     *         folder holding the run marker or a file a run writes)
     */
    static void requireNotARunFile(String option, Path output) {
        Path folder = output.toAbsolutePath().normalize().getParent();
        if (isRunFileName(output) && folder != null && holdsRun(folder)) {
            throw new ConfigurationException(option + " " + output + " is a file of the run in " + folder + ": writing it would damage"
                    + " the run; give a file outside the run folder, or another name");
        }
    }

    /**
     * @param runFolder a training run's folder
     * @param inputs the run's input files by option (null entries skipped)
     * @throws ConfigurationException when an input lies in {@code runFolder} under a name the run writes
     */
    static void requireNotReplacedByRun(Path runFolder, Map<String, Path> inputs) {
        inputs.forEach((option, input) -> {
            if (input != null && isRunFileName(input) && same(input.toAbsolutePath().normalize().getParent(), runFolder)) {
                throw new ConfigurationException(option + " " + input + " lies in the run folder " + runFolder + " under a name the run"
                        + " writes: the run would replace it; move the file, or give another --out");
            }
        });
    }

    private static boolean isRunFileName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return RunFolder.RUN_FILES.contains(name) || name.equals(RunFolder.OWNER) || name.equals(RunLock.FILE);
    }

    private static boolean holdsRun(Path folder) {
        return Files.isRegularFile(folder.resolve(RunFolder.OWNER)) || Files.isRegularFile(folder.resolve(TrainSettings.FILE));
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
