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
import org.neuronkit.data.Missing;
import org.neuronkit.data.Normalizer;
import org.neuronkit.data.Normalizers;
import org.neuronkit.io.DataSplit;
import org.neuronkit.layer.Layers;
import org.neuronkit.loss.ClassWeights;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.optim.RateSchedule;
import org.neuronkit.optim.ScheduleUnit;
import org.neuronkit.train.EarlyStopping;
import org.neuronkit.train.GradientClipping;
import org.neuronkit.train.Metric;
import org.neuronkit.train.NonFinitePolicy;

/**
 * Everything {@code neuronkit train} was told, in three groups that mirror the command's option
 * groups ({@link TrainDataOptions}, {@link ModelOptions}, {@link OptimizationOptions}); saved as
 * {@code settings.json} in the run folder so that {@code --resume} continues with exactly the same run.
 * Each group checks its own values; this record checks the rules that join two groups.
 */
record TrainSettings(Data data, Model model, Optimization optimization) {
    static final String FILE = "settings.json";
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
     * @param task {@code classification} or {@code regression} ({@link Task}; null in runs saved before it: classification)
     * @param targets with {@code regression}: how many last columns of the {@code csv:} file are targets
     * @param csv how a CSV file's columns are read (null in runs saved before: the defaults)
     * @param folds K of K-fold cross-validation ({@code --folds}; 0: none), which replaces the validation split
     * @param fold with {@code folds}: the fold (1 … K) this run validates on; 0 for the whole cross-validation
     */
    record Data(String dataset, String dataDir, boolean csvHeader, int limit, String normalize, double validation, int stream,
            String testData, String task, int targets, CsvOptions csv, int folds, int fold) {

        /** Data settings without cross-validation. */
        Data(String dataset, String dataDir, boolean csvHeader, int limit, String normalize, double validation, int stream,
                String testData, String task, int targets, CsvOptions csv) {
            this(dataset, dataDir, csvHeader, limit, normalize, validation, stream, testData, task, targets, csv, 0, 0);
        }

        Data {
            if (folds != 0) {
                if (folds < 2) {
                    throw new ConfigurationException("--folds takes K ≥ 2 folds, got " + folds);
                }
                if (validation > 0 || stream > 0) {
                    throw new ConfigurationException("--folds " + folds + " validates on each fold in turn: it takes no "
                            + (stream > 0 ? "--stream (the folds are made in memory)" : "--validation " + validation));
                }
                if (fold < 0 || fold > folds) {
                    throw new ConfigurationException("fold " + fold + " of --folds " + folds + " does not exist (1 … " + folds + ")");
                }
            } else if (fold != 0) {
                throw new ConfigurationException("fold " + fold + " without --folds");
            }
            if (Task.parse(task) == Task.REGRESSION) {
                if (targets < 1) {
                    throw new ConfigurationException("--targets takes how many last columns are regression targets, at least 1, got "
                            + targets);
                }
                if (!dataset.startsWith("csv:") && !dataset.trim().equalsIgnoreCase(NamedDataset.DIABETES)) {
                    throw new ConfigurationException("--task regression reads its targets from a CSV file: give --data csv:PATH (or the"
                            + " bundled diabetes), not '" + dataset + "'");
                }
                if (stream > 0) {
                    throw new ConfigurationException("--task regression loads its CSV file; --stream reads only labelled classification files");
                }
            }
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
            if (stream > 0 && csv != null && csv.missingPolicy() != Missing.ERROR) {
                throw new ConfigurationException("--stream reads every row of its file as it is: it cannot leave out or fill in missing"
                        + " values (--missing " + csv.missing() + "); leave out --stream to read the file whole, or fill the file's gaps first");
            }
            normalizer(normalize);
        }

        /** The settings of fold {@code fold} (1 … K) of this cross-validation: an ordinary run validating on that fold. */
        Data withFold(int fold) {
            return new Data(dataset, dataDir, csvHeader, limit, normalize, validation, stream, testData, task, targets, csv, folds, fold);
        }

        /** The task, classification for runs saved before {@code --task} existed. */
        Task taskKind() {
            return Task.parse(task);
        }
    }

    /**
     * The network: hidden layer sizes (0 alone for none), their activation, the dropout rate after each
     * hidden layer (0 for none), the L2 coefficient λ and the L1 coefficient λ₁ on the weights, and the
     * output's loss.
     *
     * @param loss the {@link Losses#parse loss spec}; null for the task's default (see {@link TrainSettings})
     * @param classWeights {@code balanced}, {@code w0,w1,…}, or null for none (a cross-entropy loss only)
     * @param batchNorm a batch-norm layer after each hidden layer's activation, before its dropout ({@code --batch-norm})
     */
    record Model(List<Integer> hidden, String activation, double dropout, double l2, double l1, String loss, String classWeights,
            boolean batchNorm) {
        Model {
            hidden = List.copyOf(hidden);
            if (!(l1 >= 0) || Double.isInfinite(l1)) {
                throw new ConfigurationException("--l1: λ₁ must be a finite number ≥ 0, got " + l1);
            }
            if (loss != null) {
                Losses.parse(loss);
            }
            if (classWeights != null && !classWeights.trim().equalsIgnoreCase("balanced")) {
                ClassWeights.parse(classWeights);
            }
            for (int units : hidden) {
                if (units < 0 || units == 0 && hidden.size() > 1) {
                    throw new ConfigurationException("--hidden " + hidden.stream().map(String::valueOf).collect(Collectors.joining(","))
                            + ": layer sizes must be positive (0 alone for no hidden layer), got " + units);
                }
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new ConfigurationException("the dropout rate must be in [0, 1), got " + dropout);
            }
            // parsed now so that a bad name fails before any data is read or any file is written
            Layers.hidden(activation, 1);
        }
    }

    /**
     * How to train: the update rule and its base learning rate, the rate's schedule, the minibatch size,
     * the epochs, the early-stopping patience (0: never), the seed of splits, initialisation and
     * shuffling, and the checkpoint interval in epochs.
     *
     * @param warmup epochs of linear learning-rate warm-up (0: none)
     * @param scheduleUnit {@code epoch} or {@code step}: how often the schedule is asked
     * @param clipNorm the global gradient norm clipped to (0: off)
     * @param clipValue the bound of each clamped gradient entry (0: off)
     * @param onNonFinite {@code stop}, {@code skip} or {@code clip} ({@link NonFinitePolicy})
     * @param earlyStopMetric the {@link Metric} early stopping watches ({@code --early-stop-metric})
     * @param minDelta the least change beyond the best that counts as an improvement ({@code --min-delta})
     * @param restoreBest whether the model is the best epoch's ({@code --restore-best}, the default) or the last epoch's
     */
    record Optimization(String optimizer, double learningRate, String schedule, int batchSize, int epochs, int patience, long seed,
            int checkpointEvery, int warmup, String scheduleUnit, double clipNorm, double clipValue, String onNonFinite,
            String earlyStopMetric, double minDelta, Boolean restoreBest) {

        /** Settings with the default early stopping's metric (the validation loss), no min-delta, the best epoch restored. */
        Optimization(String optimizer, double learningRate, String schedule, int batchSize, int epochs, int patience, long seed,
                int checkpointEvery, int warmup, String scheduleUnit, double clipNorm, double clipValue, String onNonFinite) {
            this(optimizer, learningRate, schedule, batchSize, epochs, patience, seed, checkpointEvery, warmup, scheduleUnit, clipNorm,
                    clipValue, onNonFinite, null, 0, null);
        }

        Optimization {
            // absent from the settings of runs made before these options
            scheduleUnit = scheduleUnit == null ? "epoch" : scheduleUnit;
            onNonFinite = onNonFinite == null ? "stop" : onNonFinite;
            earlyStopMetric = earlyStopMetric == null ? Metric.VALIDATION_LOSS.metricName() : Metric.parse(earlyStopMetric).metricName();
            restoreBest = restoreBest == null || restoreBest;
            new EarlyStopping(Metric.parse(earlyStopMetric), Math.max(patience, 0), minDelta, restoreBest); // checks min-delta
            positive("the batch size", batchSize);
            positive("the number of epochs", epochs);
            positive("the checkpoint interval (--checkpoint-every)", checkpointEvery);
            if (patience < 0) {
                throw new ConfigurationException("the early-stopping patience must be ≥ 0 epochs, got " + patience);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new ConfigurationException("the learning rate must be a finite number > 0, got " + learningRate);
            }
            Optimizers.REGISTRY.parse(optimizer).withLr(learningRate);
            LearningRateSchedule.parse(schedule);
            if (warmup < 0 || warmup >= epochs) {
                throw new ConfigurationException("--warmup " + warmup + ": the warm-up must be between 0 and " + (epochs - 1)
                        + " epochs (fewer than --epochs " + epochs + ")");
            }
            named(ScheduleUnit.class, scheduleUnit, "--schedule-unit");
            clipping(clipNorm, clipValue);
            named(NonFinitePolicy.class, onNonFinite, "--on-non-finite");
        }

        /** The same with {@code epochs} epochs in all (to extend a finished run). */
        Optimization withEpochs(int epochs) {
            return new Optimization(optimizer, learningRate, schedule, batchSize, epochs, patience, seed, checkpointEvery, warmup,
                    scheduleUnit, clipNorm, clipValue, onNonFinite, earlyStopMetric, minDelta, restoreBest);
        }

        /** The early stopping of these settings (patience &gt; 0), not yet resumed. */
        EarlyStopping earlyStopping() {
            return new EarlyStopping(Metric.parse(earlyStopMetric), patience, minDelta, restoreBest);
        }

        /** A new optimizer of these settings: the rule {@code optimizer} names at base rate {@code learningRate}, with its schedule. */
        Optimizer newOptimizer() {
            Optimizer built = Optimizers.byName(optimizer, learningRate);
            built.setSchedule(new RateSchedule(LearningRateSchedule.parse(schedule), unit(), warmup));
            return built;
        }

        /** The {@link ScheduleUnit} {@code scheduleUnit} names. */
        ScheduleUnit unit() {
            return named(ScheduleUnit.class, scheduleUnit, "--schedule-unit");
        }

        /** The {@link NonFinitePolicy} {@code onNonFinite} names. */
        NonFinitePolicy nonFinitePolicy() {
            return named(NonFinitePolicy.class, onNonFinite, "--on-non-finite");
        }

        /** Clipping by value {@code clipValue} and by norm {@code clipNorm}, each where &gt; 0. */
        GradientClipping clipping() {
            return clipping(clipNorm, clipValue);
        }

        private static GradientClipping clipping(double clipNorm, double clipValue) {
            for (double c : new double[] {clipNorm, clipValue}) {
                if (!(c >= 0) || Double.isInfinite(c)) {
                    throw new ConfigurationException("--clip-norm and --clip-value take a finite number > 0 (0 for off), got " + c);
                }
            }
            GradientClipping clipping = clipValue > 0 ? GradientClipping.byValue(clipValue) : GradientClipping.none();
            return clipNorm > 0 ? clipping.andNorm(clipNorm) : clipping;
        }
    }

    /**
     * Checks the rules that join two groups, and gives a model without a loss its task's default:
     * softmax cross-entropy for classification (also in runs saved before {@code --loss} existed),
     * squared error for regression.
     */
    TrainSettings {
        Task task = data.taskKind();
        if (model.loss() == null) {
            model = new Model(model.hidden(), model.activation(), model.dropout(), model.l2(), model.l1(),
                    task == Task.REGRESSION ? "squared-error" : "softmax-cross-entropy", model.classWeights(), model.batchNorm());
        }
        Loss loss = Losses.parse(model.loss());
        if (task == Task.REGRESSION && loss.classifies()) {
            throw new ConfigurationException("--task regression needs a regression loss (squared-error, huber(δ), mae), not " + model.loss());
        }
        if (model.classWeights() != null && !loss.classifies()) {
            throw new ConfigurationException("--class-weights weighs a cross-entropy; the loss " + loss.spec() + " has no classes");
        }
        if (task == Task.CLASSIFICATION && !loss.classifies()) {
            throw new ConfigurationException("--loss " + model.loss() + " is a regression loss, and the task is classification: a"
                    + " classifier needs softmax-cross-entropy (the default) or logistic-cross-entropy, whose outputs predict, eval and"
                    + " export read as class probabilities; for numeric targets give --task regression");
        }
        boolean validated = data.validation() > 0 || data.folds() > 0;
        if (optimization.patience() > 0) {
            Metric metric = Metric.parse(optimization.earlyStopMetric());
            if (metric.needsValidation() && !validated) {
                throw new ConfigurationException("early stopping (--patience " + optimization.patience() + ") on " + metric
                        + " needs a validation split (--validation > 0 or --folds)");
            }
            metric.checkMeasurable("early stopping (--early-stop-metric)", task == Task.CLASSIFICATION, validated);
        }
        LearningRateSchedule.parse(optimization.schedule()).monitors().ifPresent(metric -> metric.checkMeasurable(
                "--schedule " + optimization.schedule(), task == Task.CLASSIFICATION, validated));
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name, String option) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(name.trim())) {
                return value;
            }
        }
        throw new ConfigurationException("unknown " + option + " '" + name + "'; known: " + java.util.Arrays.stream(type.getEnumConstants())
                .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    private static void positive(String what, int value) {
        if (value <= 0) {
            throw new ConfigurationException(what + " must be positive, got " + value);
        }
    }

    /** The same run with {@code data}. */
    TrainSettings withData(Data data) {
        return new TrainSettings(data, model, optimization);
    }

    /** The same run with {@code epochs} epochs in all. */
    TrainSettings withEpochs(int epochs) {
        return new TrainSettings(data, model, optimization.withEpochs(epochs));
    }

    /**
     * The split of the data this run trains on, recorded in its model file for {@code eval}, with the data set's
     * {@code rows} when the split is the seed's over all of them (not with a set's own test part, {@code --limit}
     * or {@code --folds}).
     */
    DataSplit dataSplit(long rows) {
        boolean ownTestPart = NamedDataset.hasOwnTestPart(data.dataset()) || data.testData() != null;
        DataSplit split = new DataSplit(data.dataset(), optimization.seed(), ownTestPart ? 1 : NamedDataset.TRAIN_FRACTION, data.validation());
        return ownTestPart || data.limit() > 0 || data.folds() > 0 ? split : split.withRows(rows);
    }

    /** The normaliser {@code normalize} names, unfitted; null for {@code none}. */
    static Normalizer normalizer(String normalize) {
        return Normalizers.parse(normalize);
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
