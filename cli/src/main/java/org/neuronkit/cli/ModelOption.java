package org.neuronkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.neuronkit.ConfigurationException;
import org.neuronkit.data.CsvReader;
import org.neuronkit.data.Missing;
import org.neuronkit.data.UnknownCategory;
import org.neuronkit.eval.Decision;
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

    /**
     * The model {@link #file()} holds.
     *
     * @throws ConfigurationException when {@code --model} names nothing, or a folder without a model (a file that
     *         is there but damaged is a {@link org.neuronkit.io.ModelFileException}, exit 5)
     */
    ModelFile.Model load() {
        if (!Files.exists(model)) {
            throw new ConfigurationException("--model " + model + " does not exist");
        }
        if (!Files.exists(file())) {
            throw new ConfigurationException("--model " + model + " is a folder without a " + TrainCommand.MODEL
                    + " (a run that has not finished has a checkpoint.safetensors: give that file)");
        }
        return ModelFile.load(file());
    }

    /**
     * The reader of new CSV rows for {@code model} (predict, eval, explain): the CSV options {@code given} over
     * those the model's run recorded, a header if either says so, the model's input encoding (numbers only
     * for a model without one), and a missing value filled with the model's training means when it has them.
     * With {@code keepEveryRow} (one output row per input row) {@code --missing drop} fails on a missing value
     * instead of dropping its row.
     */
    CsvReader csvReader(ModelFile.Model model, CsvColumnOptions given, boolean csvHeader, UnknownCategory unknown, boolean keepEveryRow) {
        TrainSettings recorded = recordedSettings();
        CsvOptions csv = given.over(recorded == null ? null : recorded.data().csv());
        boolean means = model.input() != null && model.input().missingMeans() != null;
        if (means || keepEveryRow && csv.missingPolicy() == Missing.DROP) {
            csv = csv.withMissing(means ? Missing.MEAN : Missing.ERROR);
        }
        CsvReader reader = NamedDataset.csvReader(csvHeader || recorded != null && recorded.data().csvHeader(), csv);
        return model.input() == null ? reader.withNumericFeatures() : reader.withEncoding(model.input(), unknown);
    }

    /** {@link #csvReader} for labelled rows: a regression model's targets, else its classes (by name when it has them). */
    CsvReader labelledCsvReader(ModelFile.Model model, CsvColumnOptions given, boolean csvHeader, UnknownCategory unknown) {
        CsvReader reader = csvReader(model, given, csvHeader, unknown, false);
        int outputs = model.network().outputSize();
        return Task.of(model.network()) == Task.REGRESSION ? reader.withTargets(outputs)
                : model.outputNames().isEmpty() ? reader.withClasses(Decision.classes(outputs)) : reader.withClassNames(model.outputNames());
    }
}
