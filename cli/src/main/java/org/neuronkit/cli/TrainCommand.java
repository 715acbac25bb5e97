package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.backend.Backend;
import org.neuronkit.backend.Backends;
import org.neuronkit.data.BatchSource;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Folds;
import org.neuronkit.data.Normalizer;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.eval.RegressionErrors;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.layer.Layers;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.ClassWeights;
import org.neuronkit.loss.Loss;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.train.CheckpointWriter;
import org.neuronkit.train.DivergencePolicy;
import org.neuronkit.train.EarlyStopping;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Evaluation;
import org.neuronkit.train.Precision;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingDevice;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code neuronkit train}: trains an MLP classifier and writes a run folder: {@code settings.json},
 * {@code metrics.csv} (one row per epoch), {@code checkpoint.safetensors} (every
 * {@code --checkpoint-every} epochs), {@code best.safetensors} (with early stopping, at each new
 * lowest validation loss), and at the end {@code model.safetensors}, {@code report.json} and the
 * charts {@code loss.png}, {@code accuracy.png}, {@code confusion.png}. The normaliser is fitted on
 * the training split only; the validation split (taken from the training part) drives early
 * stopping; the test part is evaluated once, at the end. {@code --resume DIR} continues a run from
 * its checkpoint with its saved settings; from a kill at any moment it finishes with the weights of an
 * uninterrupted run (without a checkpoint it starts again; after the last one it only writes the
 * model and the report); {@code --resume DIR --epochs N} extends a finished run to N epochs. Every
 * option is checked before any data is read, and a folder holding another run is refused unless
 * {@code --overwrite}. {@code --folds K} makes K such runs in {@code OUT/fold-k} and a summary ({@link CrossValidation}).
 *
 * <p>The options come in groups, each a picocli mixin that builds one part of {@link TrainSettings}:
 * {@link TrainDataOptions} (with the shared {@link DataOptions}), {@link ModelOptions},
 * {@link OptimizationOptions}; the run's own options ({@code --out}, {@code --resume}, …) and
 * {@link DeviceOption} are not saved.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a feedforward classifier (default: the bundled 8×8 digits) and write a run folder.")
final class TrainCommand implements Callable<Integer> {
    static final String CHECKPOINT = "checkpoint.safetensors";
    /** The run folder's model, the file {@link ModelFile#load} finds in a folder. */
    static final String MODEL = ModelFile.IN_RUN_FOLDER;
    static final String BEST = "best.safetensors";
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);
    /** Options that may accompany {@code --resume}: everything else comes from the run's settings. */
    private static final List<String> RESUME_OPTIONS = List.of("--epochs", "--stop-after", "--data-dir", "--diagnose", "--diagnose-every",
            "--device", "--on-diverge", "--ui", "--ui-bind");

    @Spec
    CommandSpec spec;

    @Mixin
    TrainDataOptions dataOptions;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    OptimizationOptions optimizationOptions;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<timestamp>).")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue the run in RUN_DIR from its last checkpoint, with its saved settings.")
    Path resume;

    @Option(names = "--stop-after", paramLabel = "EPOCH",
            description = "Stop after this epoch, leaving a checkpoint to --resume from (to split a long run).")
    Integer stopAfter;

    @Option(names = "--diagnose", description = "Record per-layer gradient norms (δ, ∂R/∂W, ‖ΔW‖/‖W‖): a table per epoch, "
            + GradientTable.CSV + " and " + GradientTable.PNG + " in the run folder.")
    boolean diagnose;

    @Option(names = "--diagnose-every", defaultValue = "0", paramLabel = "STEPS",
            description = "With --diagnose: record every STEPS steps instead of the last step of each epoch.")
    int diagnoseEvery;

    @Option(names = "--on-diverge", defaultValue = "warn", paramLabel = "POLICY", converter = DivergencePolicyConverter.class,
            description = "A run whose mean loss over an epoch is 25%% above the untrained network's: stop (exit 6) or warn (train on;"
                    + " the summary and report.json warn if it ends so) (default: ${DEFAULT-VALUE}).")
    DivergencePolicy onDiverge;

    @Option(names = "--precision", defaultValue = "fp32", paramLabel = "P", converter = PrecisionConverter.class,
            description = "Arithmetic of the layers' matrix products: fp32, or bf16 (bf16 factors, fp32 sums, fp32 weights and optimizer"
                    + " state; needs a CPU with AVX-512 BF16 or AMX, refused elsewhere). Its speed-up over fp32: docs/usage.md,"
                    + " \"Mixed precision\" (default: ${DEFAULT-VALUE}).")
    Precision precision;

    @Option(names = "--overwrite", description = "Replace the run already in the --out folder (its files are removed first).")
    boolean overwrite;

    @Mixin
    DeviceOption device;

    @Mixin
    UiOptions dashboard;

    @Override
    public Integer call() throws InterruptedException {
        int code;
        if (resume != null) {
            try (RunFolder run = RunFolder.existing(resume)) {
                TrainSettings settings = resumedSettings();
                code = trainIn(run, settings, device.resolve(settings, diagnose));
            }
        } else {
            TrainSettings settings = settingsFromOptions();
            TrainingDevice trainingDevice = device.resolve(settings, diagnose);
            if (settings.data().folds() > 0) {
                if (stopAfter != null) {
                    throw new ConfigurationException("--folds trains every fold to its end for the summary; it takes no --stop-after");
                }
                code = CrossValidation.run(settings, out, overwrite, (run, fold) -> trainIn(run, fold, trainingDevice),
                        spec.commandLine().getOut());
            } else {
                try (RunFolder run = RunFolder.forNewRun(out, overwrite)) {
                    code = trainIn(run, settings, trainingDevice);
                }
            }
        }
        return dashboard.keepServing(code, spec.commandLine().getOut()); // after the run folder's lock is released
    }

    /** Trains in the locked folder; a run that fails before it wrote anything removes the folder it created. */
    private int trainIn(RunFolder run, TrainSettings settings, TrainingDevice trainingDevice) {
        try {
            dashboard.start(run.path(), spec.commandLine().getOut());
            return train(settings, run, trainingDevice, spec.commandLine().getOut());
        } catch (RuntimeException e) {
            dashboard.stop();
            run.discardIfEmpty();
            throw e;
        }
    }

    private int train(TrainSettings settings, RunFolder run, TrainingDevice trainingDevice, PrintWriter printer) {
        TrainSettings.Data source = settings.data();
        Map<String, Path> inputs = new HashMap<>();
        inputs.put("--data", csvFile(source.dataset()));
        inputs.put("--test-data", csvFile(source.testData()));
        OutputPaths.requireNotReplacedByRun(run.path(), inputs);
        TrainSettings.Optimization optimization = settings.optimization();
        Backend backend = Backends.current();
        Path given = dataOptions.source.dataDir;
        Path dataLocation = given != null ? given : source.dataDir() == null ? null : Path.of(source.dataDir());
        BatchSource streamed = null;
        NamedDataset data;
        if (source.stream() > 0) {
            StreamedDataset opened = StreamedDataset.open(settings, dataLocation, System.getenv());
            streamed = opened.train();
            data = opened.named();
        } else {
            data = NamedDataset.load(source.dataset(), dataLocation, System.getenv(), source.csvHeader(), optimization.seed(),
                    source.taskKind() == Task.REGRESSION ? source.targets() : 0, source.csv());
        }
        if (source.limit() > 0) {
            data = data.limit(source.limit());
        }
        DataSet train = data.train();
        if (source.taskKind() == Task.CLASSIFICATION && train.numClasses() < 2) {
            throw new DataException("dataset " + source.dataset() + ": every training label is 0; a classifier needs at least two classes");
        }
        DataSet validation = null;
        if (source.fold() > 0) {
            DataSet.Split split = Folds.of(train, source.folds(), optimization.seed() + 1).split(source.fold() - 1);
            train = split.train();
            validation = split.test();
        } else if (source.validation() > 0) {
            DataSet.Split split = train.split(1 - source.validation(), optimization.seed() + 1);
            train = split.train();
            validation = split.test();
        }
        data = data.withMeansOf(train, source.csv());
        train = data.input() == null ? train : train.filledBy(data.input());
        validation = validation == null || data.input() == null ? validation : validation.filledBy(data.input());

        run.requireOutputsOfTheRun(data.classNamesOrIndices());
        Checkpoint checkpoint = resume == null ? null : loadCheckpoint(settings, printer);
        Normalizer normalizer = checkpoint != null ? checkpoint.normalizer() : fit(settings, train);
        normalize(normalizer, train, validation, data.test());
        Normalizer targetScaling = train.isClassification() ? null : targetScaling(train, data.classNamesOrIndices());
        scaleTargets(targetScaling, train, validation);
        Network network = checkpoint != null ? checkpoint.network() : buildNetwork(settings, train);
        Optimizer optimizer = optimizer(settings, checkpoint);
        if (checkpoint != null) {
            network.restoreRandomState(checkpoint.rngState());
        }
        List<EpochResult> history = new ArrayList<>(checkpoint == null ? List.of()
                : MetricsCsv.read(run.file(MetricsCsv.FILE), checkpoint.epoch()));
        EarlyStopping earlyStopping = optimization.patience() > 0 ? earlyStopping(settings, run, history, checkpoint) : null;
        if (checkpoint != null && checkpoint.epoch() >= optimization.epochs()) {
            printer.println("the checkpoint holds the last epoch " + checkpoint.epoch() + ": writing the model and the report");
            boolean restore = earlyStopping != null && earlyStopping.restoresBest() && earlyStopping.bestEpoch() > 0;
            if (restore && Files.isRegularFile(run.file(BEST))) {
                network.parameters().assign(Checkpoint.load(run.file(BEST)).network().parameters());
            }
            int bestEpoch = restore ? earlyStopping.bestEpoch() : checkpoint.epoch();
            run.begin(settings, data.classNamesOrIndices());
            return finish(settings, run, backend, new Trained(network, normalizer, targetScaling), optimizer, data, history, bestEpoch,
                    false, Double.NaN, List.of(), printer);
        }

        int batchSize = optimization.batchSize();
        int epochs = optimization.epochs();
        Trainer trainer = new Trainer(optimizer, batchSize, epochs, optimization.seed())
                .device(trainingDevice)
                .clipping(optimization.clipping())
                .onNonFinite(optimization.nonFinitePolicy())
                .onDiverge(onDiverge)
                .precision(precision)
                .synchronizeWith(backend)
                .addListener(ProgressReporter.forConsole())
                .addListener(new EpochTable(printer, validation != null))
                .addListener(metricsWriter(run, history))
                .addListener(new CheckpointWriter(network, normalizer, optimizer, run.file(CHECKPOINT), optimization.checkpointEvery()));
        if (earlyStopping != null) {
            trainer.earlyStopping(earlyStopping).addListener(new BestModelWriter(earlyStopping, network, normalizer, optimizer, run.file(BEST)));
        }
        if (checkpoint != null) {
            trainer.startAt(checkpoint.epoch() + 1);
        }
        if (stopAfter != null) {
            trainer.stopAfter(stopAfter);
        }
        // --ui draws the gradient norms live (quietly without --diagnose); a device makes no per-step callbacks to record them
        GradientTable gradients = diagnose || dashboard.enabled() && trainingDevice == null
                ? new GradientTable(network, diagnoseEvery, diagnose ? printer : null, run.path()) : null;
        if (gradients != null) {
            trainer.addListener(gradients);
        }
        if (streamed == null) {
            trainer.check(network, train); // a device refuses what it cannot train before the run writes anything
        }
        run.begin(settings, data.classNamesOrIndices());

        printer.printf("dataset %s: %s training, %s test samples, %d features, %s%n", data.name(),
                streamed == null ? String.format("%,d", train.size())
                        : String.format("%,d streamed (shuffle buffer %,d rows)", streamed.size(), source.stream()),
                (validation == null ? "" : String.format("%,d validation, ", validation.size())) + String.format("%,d", data.test().size()),
                train.featureCount(), train.isClassification() ? train.numClasses() + " classes"
                        : train.targets().columns() + " regression targets " + data.classNamesOrIndices());
        printer.println(normalizer == null ? "normalisation none" : "normalisation " + normalizer.spec() + " (fitted on the training "
                + (streamed == null ? "split)" : "file's first " + train.size() + " rows)"));
        printer.println(trainingDevice != null ? "device " + trainingDevice.name() + ": " + trainingDevice.describe()
                : "backend " + backend.name() + " on " + backend.device());
        printer.println(network);
        printer.println("optimizer " + optimizer.spec() + ", schedule " + optimization.schedule() + ", batch size "
                + optimization.batchSize() + ", " + Plural.of(optimization.epochs(), "epoch")
                + (checkpoint == null ? "" : ", resuming after epoch " + checkpoint.epoch()));
        printer.flush();
        TrainingReport report;
        try (ResumeHint hint = ResumeHint.install(run.path())) {
            report = streamed == null ? trainer.fit(network, train, validation)
                    : fitStreamed(trainer, network, streamed, normalizer, validation);
        }

        if (gradients != null) {
            gradients.write(RunCharts.subject(data.name(), run.path()));
        }
        int lastEpoch = report.last().epoch();
        boolean stoppedEarly = earlyStopping != null && lastEpoch < epochs && earlyStopping.shouldStop(lastEpoch);
        if (lastEpoch < optimization.epochs() && !stoppedEarly) {
            printer.printf("stopped after epoch %d of %d; continue with: neuronkit train --resume %s%n", lastEpoch, epochs, run.path());
            return 0;
        }
        int bestEpoch = earlyStopping != null && earlyStopping.restoresBest() ? earlyStopping.bestEpoch() : lastEpoch;
        if (stoppedEarly) {
            printer.printf("stopped early after epoch %d: no better %s since epoch %d; the model is epoch %d's%n", lastEpoch,
                    earlyStopping.metric(), earlyStopping.bestEpoch(), bestEpoch);
        }
        return finish(settings, run, backend, new Trained(network, normalizer, targetScaling), optimizer, data, history, bestEpoch,
                stoppedEarly, report.last().trainLoss(), report.warnings(), printer);
    }

    private static TrainingReport fitStreamed(Trainer trainer, Network network, BatchSource streamed, Normalizer normalizer, DataSet validation) {
        try (BatchSource batches = normalizer == null ? streamed : streamed.normalizedBy(normalizer)) {
            return trainer.fit(network, batches, validation);
        }
    }

    /**
     * The trained network with its input normaliser and, for regression, the standardisation of the
     * training targets z = (y − μ)/σ that it learned to predict (null for a classifier).
     */
    private record Trained(Network network, Normalizer normalizer, Normalizer targetScaling) {
        /** The outputs for normalised features: a regression's in the targets' own units, y = z·σ + μ. */
        INDArray output(INDArray normalizedFeatures) {
            INDArray out = network.output(normalizedFeatures);
            return targetScaling == null ? out : targetScaling.inverse(out.dup());
        }

        /** The test set with its targets standardised as in training, for the loss the network was trained on. */
        DataSet scaled(DataSet test) {
            return targetScaling == null ? test : DataSet.ofTargets(test.features(), targetScaling.transform(test.targets().dup()));
        }
    }

    /** Saves the model with its data split, evaluates it once on the test set, and writes the report and the charts. */
    private static int finish(TrainSettings settings, RunFolder run, Backend backend, Trained trained,
            Optimizer optimizer, NamedDataset data, List<EpochResult> history, int bestEpoch, boolean stoppedEarly,
            double finalTrainLoss, List<String> warnings, PrintWriter printer) {
        Network network = trained.network();
        ModelFile.save(new ModelFile.Model(network, trained.normalizer(), settings.dataSplit((long) data.train().size() + data.test().size()),
                data.classNames() == null ? List.of() : data.classNamesOrIndices(), trained.targetScaling(), data.input()), run.file(MODEL));
        INDArray predicted = data.test().isClassification() ? null : trained.output(data.test().features());
        RunReport runReport = evaluate(settings, backend, trained, predicted, optimizer, data, history, bestEpoch, stoppedEarly, warnings);
        run.writeReport(runReport);
        String subject = RunCharts.subject(data.name(), run.path());
        if (predicted == null) {
            RunCharts.write(run, subject, history, runReport.confusion(), data.classNamesOrIndices());
        } else {
            RunCharts.writeRegression(run, subject, history, predicted, data.test().targets(), data.classNamesOrIndices());
        }
        printer.printf(Locale.ROOT, "done: test %s, test loss %.4f, final training loss %.4f, %.1f s training, %,.0f samples/s%n",
                runReport.regression() == null ? String.format(Locale.ROOT, "accuracy %.4f", runReport.test().accuracy())
                        : String.format(Locale.ROOT, "RMSE %.4f, MAE %.4f, R² %.4f", runReport.regression().rmse(),
                                runReport.regression().mae(), runReport.regression().r2()),
                runReport.test().risk(),
                Double.isNaN(finalTrainLoss) ? history.get(history.size() - 1).trainLoss() : finalTrainLoss,
                runReport.trainSeconds(), runReport.samplesPerSecond());
        warnings.forEach(w -> printer.println("warning: " + w));
        printer.println("run folder: " + run.path());
        return 0;
    }

    /** Adds each epoch's result to the history and rewrites metrics.csv. */
    private static TrainingListener metricsWriter(RunFolder run, List<EpochResult> history) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochResult result) {
                history.add(result);
                MetricsCsv.write(run, history);
            }
        };
    }

    /**
     * The final evaluation on the test set, the only time the run looks at it; {@code predicted} is a
     * regression's test outputs in the targets' units (null for a classifier).
     */
    private static RunReport evaluate(TrainSettings settings, Backend backend, Trained trained, INDArray predicted, Optimizer optimizer,
            NamedDataset data, List<EpochResult> history, int bestEpoch, boolean stoppedEarly, List<String> warnings) {
        Network network = trained.network();
        Evaluation test = Evaluation.of(network, trained.scaled(data.test()), 512);
        if (predicted != null) {
            return new RunReport(settings, backend, network, optimizer.spec().toString(), history, bestEpoch, stoppedEarly, test, null,
                    data.classNamesOrIndices(), RegressionErrors.of(predicted, data.test().targets()), warnings);
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(network.output(data.test().features()), data.test().targets())
                .withClassNames(data.classNamesOrIndices());
        return new RunReport(settings, backend, network, optimizer.spec().toString(), history, bestEpoch, stoppedEarly, test, confusion,
                data.classNamesOrIndices(), null, warnings);
    }

    /**
     * The run's optimizer with its schedule: rebuilt from the checkpoint (record, schedule and state) when
     * resuming, built from the settings for a new run or a checkpoint written before schedules were stored
     * (its state then restored into it).
     */
    private static Optimizer optimizer(TrainSettings settings, Checkpoint checkpoint) {
        if (checkpoint != null && checkpoint.schedule() != null) {
            return checkpoint.restoreOptimizer();
        }
        Optimizer optimizer = settings.optimization().newOptimizer();
        if (checkpoint != null) {
            checkpoint.restoreOptimizer(optimizer);
        }
        return optimizer;
    }

    private TrainSettings settingsFromOptions() {
        return new TrainSettings(dataOptions.settings(), modelOptions.settings(), optimizationOptions.settings());
    }

    private TrainSettings resumedSettings() {
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (!option.longestName().equals("--resume") && !RESUME_OPTIONS.contains(option.longestName())) {
                int last = RESUME_OPTIONS.size() - 1;
                throw new ConfigurationException("--resume continues with the run's saved settings; " + option.longestName()
                        + " cannot be changed (only " + String.join(", ", RESUME_OPTIONS.subList(0, last)) + " and "
                        + RESUME_OPTIONS.get(last) + " can be given with --resume)");
            }
        }
        TrainSettings saved = TrainSettings.load(resume);
        return spec.commandLine().getParseResult().hasMatchedOption("--epochs") ? saved.withEpochs(optimizationOptions.epochs) : saved;
    }

    /**
     * The run's checkpoint, or null when a kill came before the first one was complete (the run then
     * starts again from epoch 1 with its settings). A finished run (one with a report) continues only
     * when {@code --epochs} asks for more epochs than it has.
     */
    private Checkpoint loadCheckpoint(TrainSettings settings, PrintWriter printer) {
        Path file = resume.resolve(CHECKPOINT);
        int epochs = settings.optimization().epochs();
        boolean finished = Files.isRegularFile(resume.resolve(RunFolder.REPORT));
        if (!Files.isRegularFile(file)) {
            if (finished) {
                throw new ConfigurationException("cannot resume: the run in " + resume + " has finished and has no " + CHECKPOINT);
            }
            printer.println("no checkpoint in " + resume + " yet: the run starts again from epoch 1");
            return null;
        }
        Checkpoint checkpoint = Checkpoint.load(file);
        if (finished && checkpoint.epoch() >= epochs) {
            throw new ConfigurationException("cannot resume: the run in " + resume + " has finished after epoch " + checkpoint.epoch()
                    + "; to train it further, give --epochs with more than " + checkpoint.epoch() + " epochs in all");
        }
        if (checkpoint.epoch() > epochs) {
            throw new ConfigurationException("cannot resume: the checkpoint in " + resume + " is after the last epoch " + epochs);
        }
        if (finished) {
            printer.println("extending the finished run from epoch " + checkpoint.epoch() + " to epoch " + epochs);
        }
        return checkpoint;
    }

    /**
     * The early stopping of a new run, or of a resumed one: its best epoch so far is the one in
     * {@code best.safetensors} (a checkpoint written at each new best epoch), with that epoch's value of
     * the watched metric from the metrics.
     */
    private static EarlyStopping earlyStopping(TrainSettings settings, RunFolder run, List<EpochResult> history, Checkpoint checkpoint) {
        EarlyStopping stopping = settings.optimization().earlyStopping();
        Path file = run.file(BEST);
        if (checkpoint == null || !Files.isRegularFile(file)) {
            return stopping;
        }
        Checkpoint best = Checkpoint.load(file);
        for (EpochResult r : history) {
            if (r.epoch() == best.epoch()) {
                return stopping.resume(r.epoch(), stopping.metric().of(r), best.network().parameters());
            }
        }
        LOG.warn("{} holds epoch {}, after the checkpoint's epoch {}: early stopping starts afresh", file, best.epoch(), checkpoint.epoch());
        return stopping;
    }

    /** The file of a {@code csv:PATH} data set, or null for a named one (or none). */
    private static Path csvFile(String dataset) {
        return dataset != null && dataset.startsWith("csv:") ? Path.of(dataset.substring(4)) : null;
    }

    private static Normalizer fit(TrainSettings settings, DataSet train) {
        Normalizer normalizer = TrainSettings.normalizer(settings.data().normalize());
        return normalizer == null ? null : normalizer.fit(train.features());
    }

    /** The standardisation of a regression's training targets, or an error naming them when their μ or σ overflows. */
    private static Normalizer targetScaling(DataSet train, List<String> targetNames) {
        try {
            return Normalizer.standardize().fit(train.targets());
        } catch (DataException e) {
            throw new DataException("the regression targets " + String.join(", ", targetNames) + " cannot be scaled for training"
                    + " (the normaliser's feature k is target k + 1): " + e.getMessage(), e);
        }
    }

    /** Standardises the targets of the training and validation sets in place with the training targets' μ and σ. */
    private static void scaleTargets(Normalizer targetScaling, DataSet train, DataSet validation) {
        if (targetScaling != null) {
            targetScaling.transform(train.targets());
            if (validation != null) {
                targetScaling.transform(validation.targets());
            }
        }
    }

    /** Normalises the feature matrices in place (each split is the command's own copy). */
    private static void normalize(Normalizer normalizer, DataSet... sets) {
        if (normalizer == null) {
            return;
        }
        for (DataSet set : sets) {
            if (set != null) {
                normalizer.transform(set.features());
            }
        }
    }

    private static Network buildNetwork(TrainSettings settings, DataSet train) {
        NetworkBuilder builder = Network.builder(train.featureCount()).l2(settings.model().l2()).l1(settings.model().l1()).seed(settings.optimization().seed());
        for (int units : settings.model().hidden()) {
            if (units > 0) {
                builder.add(Layers.hidden(settings.model().activation(), units));
                if (settings.model().batchNorm()) {
                    builder.batchNorm();
                }
                if (settings.model().dropout() > 0) {
                    builder.dropout(settings.model().dropout());
                }
            }
        }
        Loss loss = Losses.parse(settings.model().loss());
        if (settings.model().classWeights() != null) {
            loss = loss.withClassWeights(ClassWeights.parse(settings.model().classWeights(), train.targets()));
        }
        return builder.output(train.isClassification() ? train.numClasses() : (int) train.targets().columns(), loss).build();
    }

    /** Reads {@code --precision} as a {@link Precision} by its name in any case. */
    static final class PrecisionConverter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            try {
                return Precision.parse(value);
            } catch (ConfigurationException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads {@code --on-diverge} as a {@link DivergencePolicy} by its name in any case. */
    static final class DivergencePolicyConverter implements ITypeConverter<DivergencePolicy> {
        @Override
        public DivergencePolicy convert(String value) {
            for (DivergencePolicy policy : DivergencePolicy.values()) {
                if (policy.name().equalsIgnoreCase(value)) {
                    return policy;
                }
            }
            throw new TypeConversionException("expected stop or warn, got '" + value + "'");
        }
    }
}
