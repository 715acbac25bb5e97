package org.neuronkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
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
 * Everything {@code neuronkit train} was told, in three groups that mirror the command's option
 * groups ({@link TrainDataOptions}, {@link ModelOptions}, {@link OptimizationOptions}); saved as
 * {@code settings.json} in the run folder so that {@code --resume} continues with exactly the same run.
 * Each group checks its own values; this record checks the rules that join two groups.
 */
record TrainSettings(Data data, Model model, Optimization optimization) {
    static final String FILE = "settings.json";
    static final String NORMALIZERS = "none, minmax, minmax-global, standardize";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to train on.
     *
     * @param dataset a data set name or {@code csv:PATH} (saved absolute)
     * @param dataDir where to look for the data set's files first (may be null)
     * @param limit use only the first this many training and test samples (0: all)
     * @param normalize {@code none}, {@code minmax}, {@code minmax-global} or {@code standardize}
     * @param validation the fraction of the training part held out for validation (0 for none)
     * @param stream 0 to load the training data into memory, else the rows of the shuffle buffer through
     *               which the training file is streamed ({@link StreamedDataset}; no validation split)
     * @param testData with {@code stream} and a {@code csv:} dataset, the {@code csv:PATH} of the test set
     */
    record Data(String dataset, String dataDir, boolean csvHeader, int limit, String normalize, double validation, int stream,
            String testData) {
        Data {
            if (!(validation >= 0 && validation < 1)) {
                throw new ConfigurationException("the validation fraction must be in [0, 1), got " + validation);
            }
            if (limit < 0) {
                throw new ConfigurationException("the sample limit must be ≥ 0 (0 for all), got " + limit);
            }
            if (stream < 0) {
                throw new ConfigurationException("--stream takes the rows of its shuffle buffer, a positive number, got " + stream);
            }
            if (stream > 0 && (validation > 0 || limit > 0)) {
                throw new ConfigurationException("--stream trains on the whole streamed file: it takes no --validation split and no --limit");
            }
            normalizer(normalize);
        }
    }

    /**
     * The network: hidden layer sizes (0 alone for none), their activation, the dropout rate after each
     * hidden layer (0 for none) and the L2 coefficient λ on the weights.
     */
    record Model(List<Integer> hidden, String activation, double dropout, double l2) {
        Model {
            hidden = List.copyOf(hidden);
            for (int units : hidden) {
                if (units < 0) {
                    throw new ConfigurationException("--hidden " + hidden.stream().map(String::valueOf).collect(Collectors.joining(","))
                            + ": layer sizes must be positive (0 alone for no hidden layer), got " + units);
                }
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new ConfigurationException("the dropout rate must be in [0, 1), got " + dropout);
            }
            // parsed now so that a bad name fails before any data is read or any file is written
            Activations.parse(activation);
        }
    }

    /**
     * How to train: the update rule and its base learning rate, the rate's schedule, the minibatch size,
     * the epochs, the early-stopping patience (0: never), the seed of splits, initialisation and
     * shuffling, and the checkpoint interval in epochs.
     */
    record Optimization(String optimizer, double learningRate, String schedule, int batchSize, int epochs, int patience, long seed,
            int checkpointEvery) {
        Optimization {
            positive("the batch size", batchSize);
            positive("the number of epochs", epochs);
            positive("the checkpoint interval (--checkpoint-every)", checkpointEvery);
            if (patience < 0) {
                throw new ConfigurationException("the early-stopping patience must be ≥ 0 epochs, got " + patience);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new ConfigurationException("the learning rate must be a finite number > 0, got " + learningRate);
            }
            Optimizers.byName(optimizer, learningRate);
            LearningRateSchedule.parse(schedule);
        }

        /** The same with {@code epochs} epochs in all (to extend a finished run). */
        Optimization withEpochs(int epochs) {
            return new Optimization(optimizer, learningRate, schedule, batchSize, epochs, patience, seed, checkpointEvery);
        }
    }

    TrainSettings {
        if (optimization.patience() > 0 && data.validation() == 0) {
            throw new ConfigurationException("early stopping (--patience " + optimization.patience()
                    + ") needs a validation split (--validation > 0)");
        }
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new ConfigurationException(what + " must be positive, got " + value);
        }
    }

    /** The same run with {@code epochs} epochs in all. */
    TrainSettings withEpochs(int epochs) {
        return new TrainSettings(data, model, optimization.withEpochs(epochs));
    }

    /** The split of the data this run trains on, recorded in its model file for {@code eval}. */
    DataSplit dataSplit() {
        return new DataSplit(data.dataset(), optimization.seed(), NamedDataset.TRAIN_FRACTION, data.validation());
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
            JsonNode tree = JSON.readTree(file.toFile());
            return JSON.treeToValue(tree.has("data") ? tree : grouped((ObjectNode) tree), TrainSettings.class);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("cannot resume: " + file + " is not a valid settings file: " + e.getMessage());
        }
    }

    /** A settings file of the first format (every value at the top level) with its values moved into their groups. */
    private static ObjectNode grouped(ObjectNode flat) {
        ObjectNode tree = JSON.createObjectNode();
        for (RecordComponent group : TrainSettings.class.getRecordComponents()) {
            ObjectNode values = tree.putObject(group.getName());
            for (RecordComponent value : group.getType().getRecordComponents()) {
                if (flat.has(value.getName())) {
                    values.set(value.getName(), flat.get(value.getName()));
                }
            }
        }
        return tree;
    }
}
