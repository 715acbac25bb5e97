package org.neuronkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.neuronkit.io.ModelFile;
import picocli.CommandLine.Option;

/** The {@code --model FILE} option of the commands that read a saved model (a picocli mixin). */
final class ModelOption {
    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "A model.safetensors (or a checkpoint) written by train or import, or a run folder holding one.")
    Path model;

    /** The file named by {@code --model}: the option itself, or its {@code model.safetensors} when it names a run folder. */
    Path file() {
        return Files.isDirectory(model) ? model.resolve(TrainCommand.MODEL) : model;
    }

    /** The settings of the run whose folder holds the model, or null when it is not in a run folder. */
    TrainSettings recordedSettings() {
        Path folder = file().toAbsolutePath().getParent();
        return Files.isRegularFile(folder.resolve(TrainSettings.FILE)) ? TrainSettings.load(folder) : null;
    }

    ModelFile.Model load() {
        return ModelFile.load(file());
    }
}
