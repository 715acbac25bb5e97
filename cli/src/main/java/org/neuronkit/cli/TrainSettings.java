package org.neuronkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.DataSplit;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizers;

/**
 * Everything {@code neuronkit train} was told, saved as {@code settings.json} in the run folder so
 * that {@code --resume} continues with exactly the same run.
 *
 * @param normalize {@code none}, {@code minmax}, {@code minmax-global} or {@code standardize}
 * @param limit use only the first this many training and test samples (0: all)
 * @param validation the fraction of the training part held out for validation (0 for none)
 * @param dropout the dropout rate after each hidden layer (0 for none)
 * @param patience epochs without a lower validation loss before stopping early (0: never)
 * @param stream 0 to load the training data into memory, else the rows of the shuffle buffer through
 *               which the training file is streamed ({@link StreamedDataset}; no validation split)
 * @param testData with {@code stream} and a {@code csv:} dataset, the {@code csv:PATH} of the test set
 * @param batchNorm a batch-norm layer after each hidden layer's activation ({@code --batch-norm})
 */
record TrainSettings(String dataset, String dataDir, boolean csvHeader, int limit, String normalize, double validation,
        List<Integer> hidden, String activation, double dropout, String optimizer, double learningRate, String schedule, double l2,
        int batchSize, int epochs, long seed, int patience, int checkpointEvery, int stream, String testData,
        boolean batchNorm) {
    static final String FILE = "settings.json";
    static final String NORMALIZERS = "none, minmax, minmax-global, standardize";
    private static final ObjectMapper JSON = new ObjectMapper();

    TrainSettings {
        hidden = List.copyOf(hidden);
        if (!(validation >= 0 && validation < 1)) {
            throw new ConfigurationException("the validation fraction must be in [0, 1), got " + validation);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new ConfigurationException("the dropout rate must be in [0, 1), got " + dropout);
        }
        if (limit < 0) {
            throw new ConfigurationException("the sample limit must be ≥ 0 (0 for all), got " + limit);
        }
        if (patience < 0) {
            throw new ConfigurationException("the early-stopping patience must be ≥ 0 epochs, got " + patience);
        }
        if (patience > 0 && validation == 0) {
            throw new ConfigurationException("early stopping (--patience " + patience + ") needs a validation split (--validation > 0)");
        }
        if (stream < 0) {
            throw new ConfigurationException("--stream takes the rows of its shuffle buffer, a positive number, got " + stream);
        }
        if (stream > 0 && (validation > 0 || limit > 0)) {
            throw new ConfigurationException("--stream trains on the whole streamed file: it takes no --validation split and no --limit");
        }
        normalizer(normalize);
        for (int units : hidden) {
            if (units < 0) {
                throw new ConfigurationException("--hidden " + hidden.stream().map(String::valueOf).collect(Collectors.joining(","))
                        + ": layer sizes must be positive (0 alone for no hidden layer), got " + units);
            }
        }
        positive("the batch size", batchSize);
        positive("the number of epochs", epochs);
        positive("the checkpoint interval (--checkpoint-every)", checkpointEvery);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new ConfigurationException("the learning rate must be a finite number > 0, got " + learningRate);
        }
        // parsed now so that a bad name fails before any data is read or any file is written
        Activations.parse(activation);
        Optimizers.byName(optimizer, learningRate);
        LearningRateSchedule.parse(schedule);
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new ConfigurationException(what + " must be positive, got " + value);
        }
    }

    /** The split of the data this run trains on, recorded in its model file for {@code eval}. */
    DataSplit dataSplit() {
        return new DataSplit(dataset, seed, NamedDataset.TRAIN_FRACTION, validation);
    }

    /** The normaliser {@code normalize} names, unfitted; null for {@code none}. */
    static Normalizer normalizer(String normalize) {
        switch (normalize.toLowerCase(Locale.ROOT)) {
            case "none": return null;
            case "minmax": return Normalizer.minMax();
            case "minmax-global": return Normalizer.minMaxGlobal();
            case "standardize": return Normalizer.standardize();
            default: throw new ConfigurationException("unknown normalisation '" + normalize + "'; known: " + NORMALIZERS);
        }
    }

    void save(RunFolder run) {
        run.writeJson(FILE, this);
    }

    static TrainSettings load(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("cannot resume: " + file + " does not exist (is " + runDir + " a run folder?)");
        }
        try {
            return JSON.readValue(file.toFile(), TrainSettings.class);
        } catch (IOException e) {
            throw new ConfigurationException("cannot resume: " + file + " is not a valid settings file: " + e.getMessage());
        }
    }
}
