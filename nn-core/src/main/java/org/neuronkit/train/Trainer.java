package org.neuronkit.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.NumericalException;
import org.neuronkit.backend.Backend;
import org.neuronkit.backend.Bf16Gemm;
import org.neuronkit.backend.CpuFeatures;
import org.neuronkit.data.BatchSource;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Minibatches;
import org.neuronkit.layer.Layer;
import org.neuronkit.network.Network;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.RateSchedule;
import org.neuronkit.optim.ScheduleUnit;

/**
 * Minibatch training (docs/chapter.md §3): for each epoch, for each shuffled minibatch, forward, backward
 * (docs/chapter.md §4) and one optimizer step on ∂R/∂θ. Reports each epoch to its listeners.
 *
 * <p>Before each epoch (or, for a per-step schedule, each step) the optimizer sets its learning rate
 * from its own {@link RateSchedule} ({@link Optimizer#startStep}): the {@link LearningRateSchedule}
 * (constant by default), asked per epoch or per step ({@link #scheduleUnit}), after an optional linear {@link #warmup warm-up}; {@link #schedule},
 * {@link #scheduleUnit} and {@link #warmup} set it on the optimizer. A run can start at a later epoch ({@link #startAt}, to resume from a
 * checkpoint whose model and optimizer state were restored), end before the last epoch of its
 * schedule ({@link #stopAfter}), and stop early on a metric ({@link #earlyStopping}). After each epoch, before the
 * listeners hear of it, the optimizer's schedule is advanced with the epoch's result
 * ({@link RateSchedule#afterEpoch}: a plateau schedule's reductions).
 *
 * <p>Before each update the risk and the gradients are checked: if either is NaN or infinite,
 * training stops with a {@link NumericalException} naming the epoch, the step and the first layer
 * whose values went bad, and the parameters keep their last finite values; or, with another
 * {@link NonFinitePolicy}, the batch is skipped or its gradient cleaned. Then the gradient is clipped
 * as the {@link GradientClipping} says (not at all by default). After each epoch a
 * {@link Divergence} check stops training whose loss grew a thousandfold while staying finite.
 *
 * <p>The steps run on the CPU, in this class, unless a {@link #device} is given: then a
 * {@link TrainingDevice} runs each epoch's steps from a {@link DeviceJob}, and everything around them
 * (listeners' epoch callbacks, validation, early stopping, checkpoints, the test set) runs here as
 * for the CPU.
 *
 * <p>The layers' matrix products run in fp32 unless a {@link #precision} says otherwise: {@link Precision#BF16}
 * (mixed precision on CPUs with AVX-512 BF16 or AMX) is checked against the CPU's features before any
 * work and applies to the layers only while {@link #fit} runs.
 */
public final class Trainer {
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private GradientClipping clipping = GradientClipping.none();
    private NonFinitePolicy nonFinitePolicy = NonFinitePolicy.STOP;
    private DivergencePolicy divergencePolicy = DivergencePolicy.WARN;
    private int firstEpoch = 1;
    private int stopAfter = Integer.MAX_VALUE;
    private EarlyStopping earlyStopping;
    private DataSet test;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final CorrectCount correctCount = new CorrectCount();
    private Backend backend;
    private TrainingDevice device;
    private boolean scheduleFromHost;
    private Precision precision = Precision.FP32;
    private CpuFeatures cpuFeatures;

    /**
     * @param optimizer the update rule with its base rate α₀ and its {@link Optimizer#schedule() schedule}
     * @param batchSize samples per minibatch, &gt; 0
     * @param epochs passes over the training set, &gt; 0
     * @param seed seed of the minibatch shuffling
     */
    public Trainer(Optimizer optimizer, int batchSize, int epochs, long seed) {
        if (batchSize <= 0) {
            throw new ConfigurationException("the batch size must be positive, got " + batchSize);
        }
        if (epochs <= 0) {
            throw new ConfigurationException("the number of epochs must be positive, got " + epochs);
        }
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.seed = seed;
    }

    /** Sets the optimizer's schedule of the learning rate (default constant), keeping its unit and warm-up. */
    public Trainer schedule(LearningRateSchedule schedule) {
        optimizer.setSchedule(optimizer.schedule().withSchedule(schedule));
        return this;
    }

    /** Whether the optimizer's schedule is asked once per epoch (the default) or before every optimizer step. */
    public Trainer scheduleUnit(ScheduleUnit unit) {
        optimizer.setSchedule(optimizer.schedule().withUnit(unit));
        return this;
    }

    /**
     * A linear warm-up over the first {@code epochs} epochs in front of the optimizer's schedule
     * ({@link RateSchedule#warmup()}): per epoch α_e = α₀ e / W for e ≤ W; per step the
     * ramp runs over W · B steps (B batches per epoch), α_t = α₀ t / (W B). 0: none.
     */
    public Trainer warmup(int epochs) {
        if (epochs < 0 || epochs >= this.epochs) {
            throw new ConfigurationException("the warm-up must be between 0 and " + (this.epochs - 1) + " epochs (fewer than the run's "
                    + this.epochs + "), got " + epochs);
        }
        optimizer.setSchedule(optimizer.schedule().withWarmup(epochs));
        return this;
    }

    /** How the gradient is clipped before each update (default: not at all). */
    public Trainer clipping(GradientClipping clipping) {
        this.clipping = clipping;
        return this;
    }

    /** What a non-finite loss or gradient does (default {@link NonFinitePolicy#STOP}). */
    public Trainer onNonFinite(NonFinitePolicy policy) {
        this.nonFinitePolicy = policy;
        return this;
    }

    /** What a run from scratch whose loss ends above where it started does (default {@link DivergencePolicy#WARN}). */
    public Trainer onDiverge(DivergencePolicy policy) {
        this.divergencePolicy = policy;
        return this;
    }

    /**
     * Starts at epoch {@code epoch} (from 1): the epochs before it are done, as when resuming from a
     * checkpoint taken after epoch {@code epoch − 1} with the network and optimizer restored from it.
     */
    public Trainer startAt(int epoch) {
        if (epoch < 1 || epoch > epochs) {
            throw new ConfigurationException("the first epoch must be between 1 and " + epochs + ", got " + epoch);
        }
        this.firstEpoch = epoch;
        return this;
    }

    /** Ends after epoch {@code epoch} even if the run has more (they can be resumed later). */
    public Trainer stopAfter(int epoch) {
        if (epoch < 1) {
            throw new ConfigurationException("the epoch to stop after must be positive, got " + epoch);
        }
        this.stopAfter = epoch;
        return this;
    }

    /** Stops on a metric (the validation risk by default); at the end the network holds the best epoch's parameters if it restores them. */
    public Trainer earlyStopping(EarlyStopping earlyStopping) {
        this.earlyStopping = earlyStopping;
        return this;
    }

    /**
     * A test set, evaluated once after the last epoch (never during training); its risk and accuracy are
     * in {@link TrainingReport#test()}.
     */
    public Trainer testSet(DataSet test) {
        this.test = test;
        return this;
    }

    public Trainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** A backend to {@link Backend#synchronize()} before each clock reading (honest GPU timings). */
    public Trainer synchronizeWith(Backend backend) {
        this.backend = backend;
        return this;
    }

    /**
     * Runs the steps on {@code device} instead of the CPU (null: the CPU). {@link #fit} first asks the
     * device to {@link TrainingDevice#check check} the job, and refuses listeners that
     * {@link TrainingListener#needsSteps need per-step callbacks}, which a device does not make.
     */
    public Trainer device(TrainingDevice device) {
        this.device = device;
        return this;
    }

    /**
     * For a device that runs its epochs' steps through a trainer ({@link CpuStepsDevice}): the host's trainer
     * sets the optimizer's schedule before each epoch and advances it with the epoch's results, so this one
     * neither advances it nor checks the metric it watches.
     */
    Trainer scheduleFromHost() {
        this.scheduleFromHost = true;
        return this;
    }

    /**
     * The arithmetic of the layers' matrix products (default {@link Precision#FP32}). {@link Precision#BF16}
     * is refused by {@link #fit} and {@link #check}, naming the missing feature, on a CPU without
     * AVX-512 BF16 or AMX, and with a {@link #device}.
     */
    public Trainer precision(Precision precision) {
        this.precision = precision;
        return this;
    }

    /** The CPU features the {@link #precision} is checked against (default: this machine's, {@link CpuFeatures#probe()}). */
    public Trainer cpuFeatures(CpuFeatures cpuFeatures) {
        this.cpuFeatures = cpuFeatures;
        return this;
    }

    public Precision precision() {
        return precision;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains {@code network} on {@code train}; evaluates {@code validation} (may be null) after each
     * epoch.
     */
    public TrainingReport fit(Network network, DataSet train, DataSet validation) {
        checkFits(network, train, "training");
        checkPrecision();
        if (device != null) {
            return fitOnDevice(network, train.castTo(network.dataType()), validation);
        }
        try (Minibatches batches = new Minibatches(train.castTo(network.dataType()), batchSize, seed)) {
            return fit(network, batches, validation);
        }
    }

    /**
     * Trains {@code network} on {@code batches} (streamed from a file, say; its batch
     * size and shuffling are the source's own, and the caller closes it); evaluates
     * {@code validation} (may be null) after each epoch.
     */
    public TrainingReport fit(Network network, BatchSource batches, DataSet validation) {
        if (device != null) {
            throw new ConfigurationException("device " + device.name() + " trains on a data set in memory, not on streamed batches;"
                    + " train streamed data on the CPU");
        }
        checkFits(network, batches);
        Bf16Gemm products = checkPrecision();
        DataSet validationData = validation == null ? null : checkFits(network, validation, "validation").castTo(network.dataType());
        DataSet testData = checkedTestData(network, validationData, batches.isClassification());
        optimizer.setWeightCount(weightCount(network));
        Divergence divergence = new Divergence(divergencePolicy, firstEpoch == 1);
        TrainingPlan plan = plan(batches.batchesPerEpoch(), batches.size());
        network.layers().forEach(layer -> layer.useBf16Products(products));
        try (Bf16Gemm.Run productRun = products == null ? Bf16Gemm.Run.NONE : products.startRun()) {
            return run(network, plan, batches.size(), testData, divergence,
                    epoch -> runEpoch(network, batches, epoch, validationData, divergence));
        } finally {
            network.layers().forEach(layer -> layer.useBf16Products(null));
        }
    }

    /**
     * Refuses, before any work, what {@link #fit(Network, DataSet, DataSet) fit} would refuse about the
     * network, the training data and the {@link #device} (which {@link TrainingDevice#check checks} the
     * job): so a caller can check a run before it writes anything. Without a device, only the shapes.
     */
    public void check(Network network, DataSet train) {
        checkFits(network, train, "training");
        checkPrecision();
        if (device != null) {
            deviceJob(network, train.castTo(network.dataType()));
        }
    }

    /** The bf16 products the {@link #precision} needs (null for fp32), refusing what this CPU or a device cannot run. */
    private Bf16Gemm checkPrecision() {
        if (precision != Precision.FP32 && device != null) {
            throw new ConfigurationException("precision " + precision.cliName() + " runs on the CPU only, not on device " + device.name());
        }
        if (cpuFeatures == null) {
            cpuFeatures = CpuFeatures.probe();
        }
        return precision.products(cpuFeatures);
    }

    /** The job of a device run, checked by the device (and the listeners checked for it). */
    private DeviceJob deviceJob(Network network, DataSet train) {
        for (TrainingListener listener : listeners) {
            if (listener.needsSteps()) {
                throw new ConfigurationException("device " + device.name() + " makes no per-step callbacks, which the listener "
                        + listener.getClass().getName() + " needs; train on the CPU");
            }
        }
        int stepsPerEpoch = (int) Math.min(Integer.MAX_VALUE, (train.size() + (long) batchSize - 1) / batchSize);
        long weightCount = weightCount(network);
        optimizer.setWeightCount(weightCount);
        optimizer.prepare(network.parameters());
        DeviceJob job = new DeviceJob(network.inputSize(), network.dataType(), network.specs(), network.loss().record(), network.l1(),
                network.l2(), DeviceJob.layout(network), network.parameters(), weightCount, optimizer.spec(),
                optimizer.schedule(), optimizer.state(), clipping, nonFinitePolicy, train, batchSize, seed, epochs, stepsPerEpoch,
                network.randomState());
        device.check(job);
        return job;
    }

    /** {@link #fit(Network, DataSet, DataSet)} with the steps on the {@link #device}. */
    private TrainingReport fitOnDevice(Network network, DataSet train, DataSet validation) {
        DataSet validationData = validation == null ? null : checkFits(network, validation, "validation").castTo(network.dataType());
        DataSet testData = checkedTestData(network, validationData, train.isClassification());
        DeviceJob job = deviceJob(network, train);
        int stepsPerEpoch = job.stepsPerEpoch();
        Divergence divergence = new Divergence(divergencePolicy, firstEpoch == 1);
        try (DeviceRun run = device.open(job)) {
            return run(network, plan(stepsPerEpoch, train.size()), train.size(), testData, divergence, epoch -> {
                long start = now();
                DeviceEpoch stats;
                try {
                    stats = run.runEpoch(epoch, optimizer.schedule());
                } catch (NumericalException e) {
                    network.restoreRandomState(run.copyBack()); // the last finite parameters, as on the CPU
                    throw e;
                }
                double seconds = (now() - start) / 1e9;
                network.restoreRandomState(run.copyBack());
                if (stats.samples() == 0) {
                    throw allSkipped(network, epoch, stats.skippedBatches());
                }
                divergence.start(stats.firstLoss());
                optimizer.startStep(epoch, stepsPerEpoch, stepsPerEpoch, epochs);
                return result(network, epoch, stats.trainLoss(), stats.trainAccuracy(), validationData, seconds, stats.samples(),
                        stats.skippedBatches());
            });
        }
    }

    /** One epoch's steps, wherever they run. */
    private interface EpochRunner {
        EpochResult run(int epoch);
    }

    /** The epochs of the run around {@code epochs}' steps: listeners, the divergence check, early stopping, the test set. */
    private TrainingReport run(Network network, TrainingPlan plan, long samplesPerEpoch, DataSet testData, Divergence divergence,
            EpochRunner epochs) {
        listeners.forEach(l -> l.onStart(plan));
        List<EpochResult> results = new ArrayList<>();
        double totalSeconds = 0;
        long samplesSeen = 0;
        for (int epoch = plan.firstEpoch(); epoch <= plan.lastEpoch(); epoch++) {
            EpochResult result = epochs.run(epoch);
            divergence.check(network, result);
            results.add(result);
            totalSeconds += result.seconds();
            samplesSeen += samplesPerEpoch;
            if (!scheduleFromHost) {
                optimizer.setSchedule(optimizer.schedule().afterEpoch(result)); // before the listeners: a checkpoint keeps a plateau's progress
            }
            boolean stop = earlyStopping != null && earlyStopping.update(result, network);
            listeners.forEach(l -> l.onEpoch(result));
            if (stop) {
                break;
            }
        }
        if (earlyStopping != null) {
            earlyStopping.restoreBest(network);
        }
        Evaluation tested = testData == null ? null : Evaluation.of(network, testData, Math.max(batchSize, 256));
        String warning = results.isEmpty() ? null : divergence.warning(results.get(results.size() - 1));
        TrainingReport report = new TrainingReport(results, totalSeconds, samplesSeen, tested, warning == null ? List.of() : List.of(warning));
        listeners.forEach(l -> l.onEnd(report));
        return report;
    }

    /**
     * The test set cast to the network's type (null if none); refuses a metric that early stopping or the
     * schedule watches but this run does not measure, and a warm-up as long as the run.
     */
    private DataSet checkedTestData(Network network, DataSet validationData, boolean classification) {
        if (earlyStopping != null) {
            earlyStopping.metric().checkMeasurable("early stopping", classification, validationData != null);
        }
        LearningRateSchedule schedule = optimizer.schedule().schedule();
        schedule.monitors().filter(metric -> !scheduleFromHost).ifPresent(metric -> metric.checkMeasurable(
                "the learning-rate schedule " + schedule.spec(), classification, validationData != null));
        if (optimizer.schedule().warmup() >= epochs) {
            throw new ConfigurationException("the optimizer's warm-up of " + optimizer.schedule().warmup() + " epochs must be shorter than the run's "
                    + epochs + " epochs");
        }
        return test == null ? null : checkFits(network, test, "test").castTo(network.dataType());
    }

    private TrainingPlan plan(int batchesPerEpoch, long samples) {
        return new TrainingPlan(firstEpoch, Math.min(epochs, stopAfter), batchesPerEpoch, (int) Math.min(Integer.MAX_VALUE, samples));
    }

    private static long weightCount(Network network) {
        return network.layers().stream().mapToLong(Layer::weightCount).sum();
    }

    private EpochResult runEpoch(Network network, BatchSource batches, int epoch, DataSet validation, Divergence divergence) {
        boolean classification = batches.isClassification();
        batches.startEpoch(epoch - 1);
        int stepsPerEpoch = batches.batchesPerEpoch();
        boolean ratePerStep = optimizer.schedule().unit() == ScheduleUnit.STEP;
        if (!ratePerStep) {
            optimizer.startStep(epoch, 1, stepsPerEpoch, epochs); // a per-epoch rate is the same for every step
        }
        double riskSum = 0;
        long correct = 0;
        int seen = 0;
        int step = 0;
        int skipped = 0;
        long start = now();
        while (batches.hasNext()) {
            Minibatches.Batch batch = batches.next();
            step++;
            double risk = network.computeGradient(batch.features(), batch.targets());
            if (!Double.isFinite(risk) || !Network.isFinite(network.gradients())) {
                if (nonFinitePolicy == NonFinitePolicy.STOP) {
                    throw nonFinite(network, epoch, step, risk);
                }
                if (nonFinitePolicy == NonFinitePolicy.SKIP || !Double.isFinite(risk)) {
                    skipped++;
                    continue;
                }
                clipping.zeroNonFinite(network.gradients());
            }
            clipping.apply(network.gradients());
            divergence.start(risk);
            if (ratePerStep) {
                optimizer.startStep(epoch, step, stepsPerEpoch, epochs);
            }
            for (TrainingListener listener : listeners) {
                listener.beforeUpdate(epoch, step);
            }
            optimizer.step(network.parameters(), network.gradients());
            riskSum += risk * batch.size();
            seen += batch.size();
            if (classification) {
                correct += correctCount.of(network.lastOutput(), batch.targets());
            }
            for (TrainingListener listener : listeners) {
                listener.onStep(epoch, step, risk, batch.size());
            }
        }
        double seconds = (now() - start) / 1e9;
        if (seen == 0) {
            throw allSkipped(network, epoch, skipped);
        }
        return result(network, epoch, riskSum / seen, classification ? (double) correct / seen : Double.NaN, validation, seconds, seen,
                skipped);
    }

    /** The epoch's result, with the validation set evaluated now (after the epoch's last update). */
    private EpochResult result(Network network, int epoch, double trainLoss, double trainAccuracy, DataSet validation, double seconds,
            long seen, int skipped) {
        Evaluation held = validation == null ? null : Evaluation.of(network, validation, Math.max(batchSize, 256));
        return new EpochResult(epoch, trainLoss, trainAccuracy, held == null ? Double.NaN : held.risk(),
                held == null ? Double.NaN : held.accuracy(), optimizer.learningRate(), seconds, seen / seconds, skipped, held);
    }

    private NumericalException allSkipped(Network network, int epoch, int skipped) {
        return new NumericalException("training stopped in epoch " + epoch + ": all its " + skipped + " batches had a non-finite loss"
                + " or gradient and were skipped (policy " + nonFinitePolicy.name().toLowerCase(Locale.ROOT) + "); "
                + Divergence.largestParameter(network) + ". Try a smaller learning rate or gradient clipping.");
    }

    private long now() {
        if (backend != null) {
            backend.synchronize();
        }
        return System.nanoTime();
    }

    private static NumericalException nonFinite(Network network, int epoch, int step, double risk) {
        String where = network.locateNonFinite();
        String what = Double.isFinite(risk) ? "the gradient is not finite (loss " + risk + ")" : "the loss is " + risk;
        return new NumericalException("training stopped at epoch " + epoch + ", step " + step + ": " + what
                + "; first non-finite values: " + (where == null ? "in the loss only (" + Divergence.largestParameter(network) + ")" : where)
                + ". The parameters keep their values from before this step (try a smaller learning rate).");
    }

    private static void checkFits(Network network, BatchSource source) {
        if (source.featureCount() != network.inputSize() || source.targetCount() != network.outputSize()) {
            throw new DataException("the training batches have " + source.featureCount() + " features and " + source.targetCount()
                    + " classes/targets per sample, but the network has " + network.inputSize() + " inputs and "
                    + network.outputSize() + " outputs");
        }
        if (source.dataType() != network.dataType()) {
            throw new DataException("the training batches are " + source.dataType() + ", the network " + network.dataType());
        }
    }

    private static DataSet checkFits(Network network, DataSet data, String role) {
        if (data.hasMissingValues()) {
            throw new DataException("the " + role + " data has missing values (NaN features): fill them first, with means fitted on the"
                    + " training part (DataSet.filledBy(encoding.withMeansOf(train.features())))");
        }
        if (data.featureCount() != network.inputSize()) {
            throw new DataException("the " + role + " data has " + data.featureCount() + " features per sample, but the network's input layer expects "
                    + network.inputSize());
        }
        if (data.targets().columns() != network.outputSize()) {
            throw new DataException("the " + role + " data has " + data.targets().columns() + " classes/targets, but the network has "
                    + network.outputSize() + " outputs");
        }
        return data;
    }
}
