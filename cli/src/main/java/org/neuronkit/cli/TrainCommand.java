package org.neuronkit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.activation.Activations;
import org.neuronkit.backend.Backend;
import org.neuronkit.backend.Backends;
import org.neuronkit.cuda13.GpuTrainer;
import org.neuronkit.data.BatchSource;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Normalizer;
import org.neuronkit.eval.ConfusionMatrix;
import org.neuronkit.io.Checkpoint;
import org.neuronkit.io.ModelFile;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.train.CheckpointWriter;
import org.neuronkit.train.EarlyStopping;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Evaluation;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
 * model and the report). Every option is checked before any data is read, and a folder holding
 * another run is refused unless {@code --overwrite}.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a feedforward classifier (default: the bundled 8×8 digits) and write a run folder.")
final class TrainCommand implements Callable<Integer> {
    static final String CHECKPOINT = "checkpoint.safetensors";
    static final String MODEL = "model.safetensors";
    static final String BEST = "best.safetensors";
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);
    /** Options that may accompany {@code --resume}: everything else comes from the run's settings. */
    private static final Set<String> RESUME_OPTIONS = Set.of("--resume", "--stop-after", "--data-dir", "--diagnose", "--diagnose-every");

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", defaultValue = "digits", paramLabel = "NAME",
            description = "digits (bundled, default), iris, fashion-mnist, mnist, or csv:PATH (label in the last column).")
    String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where to look for the dataset's files first; then $NEURONKIT_DATA, then /usr/share/datasets/<name>.")
    Path dataDir;

    @Option(names = "--csv-header", description = "The csv: file starts with a header line.")
    boolean csvHeader;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Use only the first N training and N test samples, for quick trials (default: all).")
    int limit;

    @Option(names = "--normalize", paramLabel = "KIND",
            description = "none, minmax, minmax-global or standardize, fitted on the training split (default: per dataset).")
    String normalize;

    @Option(names = "--validation", defaultValue = "0.1", paramLabel = "FRACTION",
            description = "Share of the training data held out for validation and early stopping (default: ${DEFAULT-VALUE}; 0 for none).")
    double validation;

    @Option(names = "--hidden", split = ",", defaultValue = "128", paramLabel = "N[,N…]",
            description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}); 0 for none.")
    List<Integer> hidden;

    @Option(names = "--activation", defaultValue = "relu",
            description = "Hidden activation (default: ${DEFAULT-VALUE}): logistic, tanh, hardlogistic, hardtanh, relu, leakyrelu(γ), elu(γ), softplus, swish(β), swish(learn,β), gelu, gelu-tanh, gelu-sigmoid.")
    String activation;

    @Option(names = "--dropout", defaultValue = "0", paramLabel = "P",
            description = "Inverted dropout with rate P after each hidden layer, in training only (default: 0, none).")
    double dropout;

    @Option(names = "--batch-norm", description = "Batch normalization after each hidden layer's activation, before its dropout.")
    boolean batchNorm;

    @Option(names = "--optimizer", defaultValue = "adam", description = "sgd, momentum or adam (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = {"--lr", "--learning-rate"}, defaultValue = "0.002", description = "Learning rate α (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "SCHEDULE",
            description = "Learning rate per epoch: constant (default), cosine, step (= step(10,0.5)) or step(EVERY,GAMMA).")
    String schedule;

    @Option(names = {"--l2", "--lambda"}, defaultValue = "1e-4", description = "L2 coefficient λ on the weights (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--batch-size", defaultValue = "32", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "EPOCHS",
            description = "Stop after this many epochs without a lower validation loss and keep the best epoch's model (default: 0, never).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the splits, initialisation and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "1", paramLabel = "N",
            description = "Write checkpoint.safetensors every N epochs and after the last (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--stream", paramLabel = "ROWS", defaultValue = "0",
            description = "Stream the training file (fashion-mnist, mnist, csv:PATH) through a shuffle buffer of ROWS rows instead of "
                    + "loading it: memory stays bounded by the buffer. No validation split; the normaliser is fitted on the file's first ROWS rows.")
    int stream;

    @Option(names = "--test-data", paramLabel = "csv:PATH",
            description = "With --stream and a csv: dataset: the labelled test set (same layout as the training file).")
    String testData;

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

    @Option(names = "--overwrite", description = "Replace the run already in the --out folder (its files are removed first).")
    boolean overwrite;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda",
            description = "cpu (default), or cuda: train on a CUDA 13 GPU, Turing or newer (backend-cuda13/README.md): dense layers, "
                    + "relu/leakyrelu/tanh/logistic/gelu-tanh, softmax + cross-entropy, sgd/momentum/adam at a constant rate.")
    String device;

    @Override
    public Integer call() {
        TrainSettings settings = resume != null ? resumedSettings() : settingsFromOptions();
        boolean gpu = checkDevice(settings);
        RunFolder run = resume != null ? RunFolder.existing(resume) : RunFolder.forNewRun(out, overwrite);
        try {
            return train(settings, run, gpu, spec.commandLine().getOut());
        } catch (RuntimeException e) {
            run.discardIfEmpty();
            throw e;
        }
    }

    private int train(TrainSettings settings, RunFolder run, boolean gpu, PrintWriter printer) {
        Backend backend = Backends.current();
        Path dataLocation = dataDir != null ? dataDir : settings.dataDir() == null ? null : Path.of(settings.dataDir());
        BatchSource streamed = null;
        NamedDataset data;
        if (settings.stream() > 0) {
            StreamedDataset opened = StreamedDataset.open(settings, dataLocation, System.getenv());
            streamed = opened.train();
            data = opened.named();
        } else {
            data = NamedDataset.load(settings.dataset(), dataLocation, System.getenv(), settings.csvHeader(), settings.seed());
        }
        if (settings.limit() > 0) {
            data = data.limit(settings.limit());
        }
        DataSet train = data.train();
        if (train.numClasses() < 2) {
            throw new DataException("dataset " + settings.dataset() + ": every training label is 0; a classifier needs at least two classes");
        }
        DataSet validation = null;
        if (settings.validation() > 0) {
            DataSet.Split split = train.split(1 - settings.validation(), settings.seed() + 1);
            train = split.train();
            validation = split.test();
        }

        Checkpoint checkpoint = resume == null ? null : loadCheckpoint(settings, printer);
        Normalizer normalizer = checkpoint != null ? checkpoint.normalizer() : fit(settings, train);
        normalize(normalizer, train, validation, data.test());
        Network network = checkpoint != null ? checkpoint.network() : buildNetwork(settings, train);
        Optimizer optimizer = Optimizers.byName(settings.optimizer(), settings.learningRate());
        if (checkpoint != null) {
            checkpoint.restoreOptimizer(optimizer);
            network.restoreRandomState(checkpoint.rngState());
        }
        settings.save(run);
        List<EpochResult> history = new ArrayList<>(checkpoint == null ? List.of()
                : MetricsCsv.read(run.file(MetricsCsv.FILE), checkpoint.epoch()));
        EarlyStopping earlyStopping = settings.patience() > 0 ? earlyStopping(settings, run, history, checkpoint) : null;
        if (checkpoint != null && checkpoint.epoch() >= settings.epochs()) {
            printer.println("the checkpoint holds the last epoch " + checkpoint.epoch() + ": writing the model and the report");
            if (earlyStopping != null && Files.isRegularFile(run.file(BEST))) {
                network.parameters().assign(Checkpoint.load(run.file(BEST)).network().parameters());
            }
            int bestEpoch = earlyStopping != null && earlyStopping.bestEpoch() > 0 ? earlyStopping.bestEpoch() : checkpoint.epoch();
            return finish(settings, run, backend, network, normalizer, optimizer, data, history, bestEpoch, false, Double.NaN, printer);
        }

        Trainer trainer = new Trainer(optimizer, settings.batchSize(), settings.epochs(), settings.seed())
                .schedule(LearningRateSchedule.parse(settings.schedule()))
                .synchronizeWith(backend)
                .addListener(ProgressReporter.forConsole())
                .addListener(new EpochPrinter(printer, validation != null))
                .addListener(metricsWriter(run, history))
                .addListener(new CheckpointWriter(network, normalizer, optimizer, run.file(CHECKPOINT), settings.checkpointEvery()));
        if (earlyStopping != null) {
            trainer.earlyStopping(earlyStopping).addListener(new BestModelWriter(earlyStopping, network, normalizer, optimizer, run.file(BEST)));
        }
        if (checkpoint != null) {
            trainer.startAt(checkpoint.epoch() + 1);
        }
        if (stopAfter != null) {
            trainer.stopAfter(stopAfter);
        }
        GradientTable gradients = diagnose ? new GradientTable(network, diagnoseEvery, printer) : null;
        if (gradients != null) {
            trainer.addListener(gradients);
        }

        printer.printf("dataset %s: %s training, %s test samples, %d features, %d classes%n", data.name(),
                streamed == null ? String.format("%,d", train.size())
                        : String.format("%,d streamed (shuffle buffer %,d rows)", streamed.size(), settings.stream()),
                (validation == null ? "" : String.format("%,d validation, ", validation.size())) + String.format("%,d", data.test().size()),
                train.featureCount(), train.numClasses());
        printer.println("normalisation " + (normalizer == null ? "none" : normalizer.spec()) + " (fitted on the training "
                + (streamed == null ? "split)" : "file's first " + train.size() + " rows)"));
        printer.println(gpu ? "device cuda: " + GpuTrainer.describeDevice().lines().findFirst().orElse("")
                + " (no checkpoints during GPU training)" : "backend " + backend.name() + " on " + backend.device());
        printer.println(network);
        printer.println("optimizer " + optimizer.describe() + ", schedule " + settings.schedule() + ", batch size "
                + settings.batchSize() + ", " + settings.epochs() + " epochs"
                + (checkpoint == null ? "" : ", resuming after epoch " + checkpoint.epoch()));
        printer.flush();
        TrainingReport report;
        if (gpu) {
            report = new GpuTrainer(optimizer, settings.batchSize(), settings.epochs(), settings.seed())
                    .addListener(new EpochPrinter(printer, validation != null))
                    .addListener(metricsWriter(run, history)).fit(network, train, validation);
        } else if (streamed == null) {
            report = trainer.fit(network, train, validation);
        } else {
            try (BatchSource batches = normalizer == null ? streamed : streamed.normalizedBy(normalizer)) {
                report = trainer.fit(network, batches, validation);
            }
        }

        if (gradients != null) {
            gradients.write(run.path());
        }
        int lastEpoch = report.last().epoch();
        boolean stoppedEarly = earlyStopping != null && lastEpoch < settings.epochs() && lastEpoch - earlyStopping.bestEpoch() >= settings.patience();
        if (lastEpoch < settings.epochs() && !stoppedEarly) {
            printer.printf("stopped after epoch %d of %d; continue with: neuronkit train --resume %s%n", lastEpoch, settings.epochs(), run.path());
            return 0;
        }
        int bestEpoch = earlyStopping != null ? earlyStopping.bestEpoch() : lastEpoch;
        if (stoppedEarly) {
            printer.printf("stopped early after epoch %d: no lower validation loss since epoch %d, whose model is kept%n", lastEpoch, bestEpoch);
        }
        return finish(settings, run, backend, network, normalizer, optimizer, data, history, bestEpoch, stoppedEarly,
                report.last().trainLoss(), printer);
    }

    /** Saves the model with its data split, evaluates it once on the test set, and writes the report and the charts. */
    private static int finish(TrainSettings settings, RunFolder run, Backend backend, Network network, Normalizer normalizer,
            Optimizer optimizer, NamedDataset data, List<EpochResult> history, int bestEpoch, boolean stoppedEarly,
            double finalTrainLoss, PrintWriter printer) {
        ModelFile.save(network, normalizer, settings.dataSplit(), run.file(MODEL));
        RunReport runReport = evaluate(settings, backend, network, optimizer, data, history, bestEpoch, stoppedEarly);
        run.writeReport(runReport);
        RunCharts.write(run, history, runReport.confusion());
        printer.printf(Locale.ROOT, "done: test accuracy %.4f, test loss %.4f, final training loss %.4f, %.1f s training, %,.0f samples/s%n",
                runReport.test().accuracy(), runReport.test().risk(),
                Double.isNaN(finalTrainLoss) ? history.get(history.size() - 1).trainLoss() : finalTrainLoss,
                runReport.trainSeconds(), runReport.samplesPerSecond());
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
     * True for {@code --device cuda}, after refusing the options GpuTrainer lacks and checking the GPU (a
     * ConfigurationException names what is missing); false for {@code cpu}.
     */
    private boolean checkDevice(TrainSettings settings) {
        if (device.equals("cpu")) {
            return false;
        }
        if (!device.equals("cuda")) {
            throw new ConfigurationException("unknown --device '" + device + "': cpu or cuda");
        }
        List<String> unsupported = new ArrayList<>();
        if (resume != null) {
            unsupported.add("--resume");
        }
        if (stopAfter != null) {
            unsupported.add("--stop-after");
        }
        if (settings.patience() > 0) {
            unsupported.add("--patience");
        }
        if (settings.dropout() > 0) {
            unsupported.add("--dropout");
        }
        if (settings.batchNorm()) {
            unsupported.add("--batch-norm");
        }
        if (!settings.schedule().equals("constant")) {
            unsupported.add("--schedule " + settings.schedule());
        }
        if (diagnose) {
            unsupported.add("--diagnose");
        }
        if (settings.stream() > 0) {
            unsupported.add("--stream");
        }
        if (!unsupported.isEmpty()) {
            throw new ConfigurationException("--device cuda does not support " + String.join(", ", unsupported) + " (GPU training has a "
                    + "constant learning rate and no checkpoints); leave them out or train on the CPU");
        }
        GpuTrainer.requireGpu();
        return true;
    }

    /** The final evaluation on the test set, the only time the run looks at it. */
    private static RunReport evaluate(TrainSettings settings, Backend backend, Network network, Optimizer optimizer, NamedDataset data,
            List<EpochResult> history, int bestEpoch, boolean stoppedEarly) {
        Evaluation test = Evaluation.of(network, data.test(), 512);
        ConfusionMatrix confusion = ConfusionMatrix.of(network.output(data.test().features()), data.test().targets())
                .withClassNames(data.classNamesOrIndices());
        return new RunReport(settings, backend, network, optimizer.describe(), history, bestEpoch, stoppedEarly, test, confusion,
                data.classNamesOrIndices());
    }

    private TrainSettings settingsFromOptions() {
        String normalization = normalize;
        if (normalization == null) {
            normalization = NamedDataset.defaultNormalizer(dataset);
        }
        // a csv: path is saved absolute, so that --resume finds the file from any working directory
        String data = absoluteCsv(dataset);
        boolean validationGiven = spec.commandLine().getParseResult().hasMatchedOption("--validation");
        double validationFraction = stream > 0 && !validationGiven ? 0 : validation;
        return new TrainSettings(data, dataDir == null ? null : dataDir.toAbsolutePath().toString(), csvHeader, limit, normalization,
                validationFraction, hidden, activation, dropout, optimizer, learningRate, schedule, l2, batchSize, epochs, seed, patience,
                checkpointEvery, stream, testData == null ? null : absoluteCsv(testData), batchNorm);
    }

    private static String absoluteCsv(String spec) {
        return spec.startsWith("csv:") ? "csv:" + Path.of(spec.substring(4)).toAbsolutePath() : spec;
    }

    private TrainSettings resumedSettings() {
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (!RESUME_OPTIONS.contains(option.longestName())) {
                throw new ConfigurationException("--resume continues with the run's saved settings; " + option.longestName()
                        + " cannot be changed (only --stop-after, --data-dir and --diagnose can be given with --resume)");
            }
        }
        return TrainSettings.load(resume);
    }

    /**
     * The run's checkpoint, or null when a kill came before the first one was complete (the run then
     * starts again from epoch 1 with its settings).
     */
    private Checkpoint loadCheckpoint(TrainSettings settings, PrintWriter printer) {
        Path file = resume.resolve(CHECKPOINT);
        if (Files.isRegularFile(resume.resolve(RunFolder.REPORT))) {
            throw new ConfigurationException("cannot resume: the run in " + resume + " has finished (it has a " + RunFolder.REPORT + ")");
        }
        if (!Files.isRegularFile(file)) {
            printer.println("no checkpoint in " + resume + " yet: the run starts again from epoch 1");
            return null;
        }
        Checkpoint checkpoint = Checkpoint.load(file);
        if (checkpoint.epoch() > settings.epochs()) {
            throw new ConfigurationException("cannot resume: the checkpoint in " + resume + " is after the last epoch " + settings.epochs());
        }
        return checkpoint;
    }

    /**
     * The early stopping of a new run, or of a resumed one: its best epoch so far is the one in
     * {@code best.safetensors} (a checkpoint written at each new lowest validation loss), with that
     * epoch's validation loss from the metrics.
     */
    private static EarlyStopping earlyStopping(TrainSettings settings, RunFolder run, List<EpochResult> history, Checkpoint checkpoint) {
        EarlyStopping stopping = new EarlyStopping(settings.patience());
        Path file = run.file(BEST);
        if (checkpoint == null || !Files.isRegularFile(file)) {
            return stopping;
        }
        Checkpoint best = Checkpoint.load(file);
        for (EpochResult r : history) {
            if (r.epoch() == best.epoch()) {
                return stopping.resume(r.epoch(), r.validationLoss(), best.network().parameters());
            }
        }
        LOG.warn("{} holds epoch {}, after the checkpoint's epoch {}: early stopping starts afresh", file, best.epoch(), checkpoint.epoch());
        return stopping;
    }

    private static Normalizer fit(TrainSettings settings, DataSet train) {
        Normalizer normalizer = TrainSettings.normalizer(settings.normalize());
        return normalizer == null ? null : normalizer.fit(train.features());
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
        NetworkBuilder builder = Network.builder(train.featureCount()).l2(settings.l2()).seed(settings.seed());
        for (int units : settings.hidden()) {
            if (units > 0) {
                builder.dense(units, Activations.parse(settings.activation()));
                if (settings.batchNorm()) {
                    builder.batchNorm();
                }
                if (settings.dropout() > 0) {
                    builder.dropout(settings.dropout());
                }
            }
        }
        return builder.output(train.numClasses(), Losses.softmaxCrossEntropy()).build();
    }

    /** With early stopping: saves the model (as a checkpoint, which records the epoch) at each new best epoch. */
    private static final class BestModelWriter implements TrainingListener {
        private final EarlyStopping stopping;
        private final Network network;
        private final Normalizer normalizer;
        private final Optimizer optimizer;
        private final Path file;

        BestModelWriter(EarlyStopping stopping, Network network, Normalizer normalizer, Optimizer optimizer, Path file) {
            this.stopping = stopping;
            this.network = network;
            this.normalizer = normalizer;
            this.optimizer = optimizer;
            this.file = file;
        }

        @Override
        public void onEpoch(EpochResult result) {
            if (stopping.bestEpoch() == result.epoch()) {
                Checkpoint.of(network, normalizer, optimizer, result.epoch(), 0, new long[0]).save(file);
            }
        }
    }

    /** One line per epoch on standard output. */
    private static final class EpochPrinter implements TrainingListener {
        private final PrintWriter out;
        private final boolean validation;

        EpochPrinter(PrintWriter out, boolean validation) {
            this.out = out;
            this.validation = validation;
        }

        @Override
        public void onEpoch(EpochResult r) {
            out.printf(Locale.ROOT, "epoch %3d  loss %.4f  train acc %.4f%s  lr %.2e  %5.1f s  %,9.0f samples/s%n",
                    r.epoch(), r.trainLoss(), r.trainAccuracy(),
                    validation ? String.format(Locale.ROOT, "  val loss %.4f  val acc %.4f", r.validationLoss(), r.validationAccuracy()) : "",
                    r.learningRate(), r.seconds(), r.samplesPerSecond());
            out.flush();
        }
    }
}
