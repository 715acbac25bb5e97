package org.neuronkit.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.io.SpecJson;
import org.neuronkit.network.Network;
import org.neuronkit.optim.LearningRateSchedule;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.train.EarlyStopping;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Evaluation;
import org.neuronkit.train.Metric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous data-parallel training over Spark partitions, with only Spark's own primitives
 * (broadcast and a tree aggregation, or a barrier stage). Each partition's rows are packed into one
 * {@link PackedBlock}, cached for all rounds. Per epoch:
 * <ol>
 *   <li>α_e = schedule(α₀, e, E) is set on the driver's optimizer (and passed to the partitions' in
 *       local-steps mode); a schedule that reads the epochs' results (a plateau) is advanced with each
 *       epoch's {@link EpochResult} on the driver;</li>
 *   <li>each round broadcasts θ (H = 1) or θ and the optimizer state (H &gt; 1), runs a
 *       {@link RoundTask} over every partition and sums the partitions' results weighted by their
 *       rows. H = 1: the driver steps its optimizer on g = Σ_p n_p g_p / Σ_p n_p, which makes this
 *       exactly minibatch SGD / Adam on the global batch; H &gt; 1: the driver replaces θ (and the
 *       optimizer state) by the row-weighted average of the partitions' (local SGD / model averaging:
 *       ⌈S/H⌉ rounds per epoch instead of S);</li>
 *   <li>with a validation set, a {@link ValidationTask} job measures the validation risk and metric;
 *       nn-core's {@link EarlyStopping} on the watched {@link Metric} decides the best epoch, whose parameters the
 *       driver keeps, and may end the fit;</li>
 *   <li>every {@code checkpointInterval} epochs (and at the last) a {@link TrainingCheckpoint} is
 *       written; a fit that finds one of the same fit in its directory continues after it.</li>
 * </ol>
 * Each round and epoch is logged through SLF4J (INFO).
 */
final class SyncTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SyncTrainer.class);

    /**
     * The training settings, checked by the estimator before any job runs.
     *
     * @param optimizer an optimizer registry spec, e.g. {@code adam(beta1=0.8)}
     * @param schedule a learning-rate schedule registry spec, e.g. {@code cosine}
     * @param patience early stopping's patience (0: run every epoch, keep the best)
     * @param earlyStopMetric the {@link Metric} early stopping watches, one of {@link DriverMetrics#MEASURED}
     * @param checkpointDir a Hadoop path, or null for no checkpoints
     */
    record Settings(String optimizer, double learningRate, String schedule, int batchSize, int epochs, long seed, int localSteps,
                    int patience, double minDelta, String earlyStopMetric, int checkpointInterval, String checkpointDir, boolean barrier) {

        /** The settings that decide the trained model (not where checkpoints go, how often, or the stage kind). */
        String withoutCheckpointPlace() {
            return "optimizer " + optimizer + ", α " + learningRate + ", schedule " + schedule + ", batch " + batchSize + ", "
                    + epochs + " epochs, seed " + seed + ", H " + localSteps + ", patience " + patience + ", minDelta " + minDelta
                    + ", early stopping on " + earlyStopMetric;
        }

        /**
         * Refuses, before any job, a metric that early stopping (which runs with validation rows only) or the
         * schedule watches but this fit does not measure ({@link DriverMetrics}).
         */
        void checkMetrics(boolean classes, boolean validation) {
            Metric watched = Metric.parse(earlyStopMetric); // a name is checked even where early stopping does not run
            if (validation) { // early stopping runs only with validation rows
                DriverMetrics.check("early stopping", watched, classes, true);
            }
            LearningRateSchedule.parse(schedule).monitors()
                    .ifPresent(metric -> DriverMetrics.check("the schedule " + schedule, metric, classes, validation));
        }
    }

    /** The trained network and the summary of the fit. */
    record Result(Network network, NeuronKitTrainingSummary summary) {
    }

    private final NetworkPlan plan;
    private final Settings settings;
    private final Targets targets;
    private final IntConsumer afterEpoch;

    /**
     * @param afterEpoch called with each finished epoch (from 1) after its checkpoint; a test's way to
     *     make the driver die there
     */
    SyncTrainer(NetworkPlan plan, Settings settings, Targets targets, IntConsumer afterEpoch) {
        this.plan = plan;
        this.settings = settings;
        this.targets = targets;
        this.afterEpoch = afterEpoch;
    }

    /**
     * Trains on the cached {@code blocks} of {@code totalRows} rows, validating on {@code validation}
     * (null for none), from {@code plan}'s initial weights or the checkpoint in the checkpoint directory.
     */
    Result train(JavaRDD<PackedBlock> blocks, long totalRows, JavaRDD<PackedBlock> validation) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(blocks.context());
        BatchSchedule schedule = new BatchSchedule(totalRows, settings.batchSize(), settings.seed());
        LearningRateSchedule rates = LearningRateSchedule.parse(settings.schedule());
        Metric watched = Metric.parse(settings.earlyStopMetric());
        Network network = plan.build();
        Optimizer optimizer = Optimizers.byName(settings.optimizer(), settings.learningRate());
        optimizer.setWeightCount(NetworkPlan.weightCount(network));
        FlatState flat = new FlatState(network.parameters(), optimizer);
        int parameterCount = Math.toIntExact(network.parameterCount());
        int h = settings.localSteps();
        int steps = schedule.stepsPerEpoch();
        int rounds = (steps + h - 1) / h;
        RoundRunner runner = new RoundRunner(settings.barrier());
        String fingerprint = plan + ", " + settings.withoutCheckpointPlace() + ", " + totalRows + " rows in "
                + blocks.getNumPartitions() + " partitions" + (validation == null ? "" : ", with validation");

        EarlyStopping earlyStop = validation == null ? null : new EarlyStopping(watched, settings.patience(), settings.minDelta(), true);
        float[] bestParameters = null;
        List<NeuronKitTrainingSummary.Epoch> history = new ArrayList<>();
        int start = 0;
        if (settings.checkpointDir() != null) {
            TrainingCheckpoint checkpoint = TrainingCheckpoint.latest(settings.checkpointDir(), spark.hadoopConfiguration(), fingerprint);
            if (checkpoint != null) {
                flat.write(checkpoint.state());
                earlyStop = checkpoint.earlyStop();
                bestParameters = checkpoint.bestParameters();
                rates = SpecJson.read(LearningRateSchedule.class, checkpoint.schedule());
                history.addAll(checkpoint.history());
                start = checkpoint.epoch();
                LOG.info("resuming from the checkpoint of epoch {} in {}", start, settings.checkpointDir());
            }
        }
        int resumedAfter = start;
        LOG.info("training {} on {} rows in {} partitions: {} epochs of {} steps (global batch {}), H = {}: {} rounds per epoch",
                plan, totalRows, blocks.getNumPartitions(), settings.epochs(), steps, settings.batchSize(), h, rounds);
        boolean stopped = earlyStop != null && !history.isEmpty() && earlyStop.shouldStop(history.get(history.size() - 1).epoch());
        for (int epoch = start; epoch < settings.epochs() && !stopped; epoch++) {
            long epochStart = System.nanoTime();
            double rate = rates.rate(settings.learningRate(), epoch + 1, settings.epochs());
            optimizer.setLearningRate(rate);
            double epochRisk = 0;
            long epochRows = 0;
            for (int round = 0; round < rounds; round++) {
                long roundStart = System.nanoTime();
                int first = round * h;
                int end = Math.min(first + h, steps);
                Broadcast<float[]> state = spark.broadcast(h == 1 ? network.parameters().toFloatVector() : flat.read());
                RoundSum sum = runner.run(blocks, new RoundTask(plan, schedule, state, epoch, first, end,
                        h == 1 ? null : settings.optimizer(), rate, targets));
                state.destroy();
                if (sum.rows() == 0) {
                    continue;
                }
                if (h == 1) {
                    FlatState.assign(network.parameters(), sum.mean(parameterCount, 2 * parameterCount));
                    INDArray gradient = Nd4j.createFromArray(sum.mean(0, parameterCount));
                    optimizer.step(network.parameters(), gradient);
                    gradient.close();
                } else {
                    flat.write(sum.mean());
                }
                double seconds = (System.nanoTime() - roundStart) / 1e9;
                epochRisk += sum.meanRisk() * sum.rows();
                epochRows += sum.rows();
                LOG.info(String.format("epoch %d/%d round %d/%d: risk %.5f, %d samples in %.3f s (%.0f samples/s)",
                        epoch + 1, settings.epochs(), round + 1, rounds, sum.meanRisk(), sum.rows(), seconds, sum.rows() / seconds));
            }
            double validationLoss = Double.NaN;
            double validationMetric = Double.NaN;
            if (validation != null) {
                float[] parameters = network.parameters().toFloatVector();
                Broadcast<float[]> state = spark.broadcast(parameters);
                RoundSum held = validation.treeAggregate(new RoundSum(), new ValidationTask(plan, state, targets), RoundSum::merge);
                state.destroy();
                validationLoss = held.meanRisk();
                validationMetric = targets.metric(held.meanMetric());
            }
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            EpochResult result = epochResult(epoch + 1, epochRisk / epochRows, validationLoss, validationMetric, rate, seconds, epochRows);
            if (earlyStop != null) {
                if (earlyStop.observe(epoch + 1, watched.of(result))) {
                    bestParameters = network.parameters().toFloatVector();
                }
                stopped = earlyStop.shouldStop(epoch + 1);
            }
            rates = rates.afterEpoch(result);
            history.add(new NeuronKitTrainingSummary.Epoch(epoch + 1, rate, epochRisk / epochRows, validationLoss, validationMetric, seconds));
            LOG.info(String.format("epoch %d/%d: mean risk %.5f, validation risk %.5f, %s %.5f, %d samples in %.2f s (%.0f samples/s)%s",
                    epoch + 1, settings.epochs(), epochRisk / epochRows, validationLoss, targets.metricName(), validationMetric, epochRows, seconds,
                    epochRows / seconds, stopped ? "; early stopping: best epoch " + earlyStop.bestEpoch() : ""));
            boolean last = stopped || epoch + 1 == settings.epochs();
            if (settings.checkpointDir() != null && ((epoch + 1) % settings.checkpointInterval() == 0 || last)) {
                new TrainingCheckpoint(fingerprint, epoch + 1, flat.read(), earlyStop, bestParameters,
                        SpecJson.write(LearningRateSchedule.class, rates), List.copyOf(history))
                        .write(settings.checkpointDir(), spark.hadoopConfiguration());
            }
            afterEpoch.accept(epoch + 1);
        }
        int bestEpoch = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        if (earlyStop != null && bestParameters != null) {
            FlatState.assign(network.parameters(), bestParameters);
            bestEpoch = earlyStop.bestEpoch();
        }
        flat.closeOptimizerState();
        return new Result(network, new NeuronKitTrainingSummary(targets.metricName(), history, bestEpoch, stopped, resumedAfter));
    }

    /**
     * The epoch as nn-core's metrics read it: the validation risk, and the accuracy (classes) or the RMSE
     * in the label's units (values), as {@link Targets#metric} measured it.
     */
    private EpochResult epochResult(int epoch, double trainRisk, double validationLoss, double validationMetric, double rate,
            double seconds, long rows) {
        boolean classes = targets.classes();
        double accuracy = classes ? validationMetric : Double.NaN;
        Evaluation validation = Double.isNaN(validationLoss) ? null
                : new Evaluation(validationLoss, accuracy, Double.NaN, classes ? Double.NaN : validationMetric, Double.NaN, Double.NaN);
        return new EpochResult(epoch, trainRisk, Double.NaN, validationLoss, accuracy, rate, seconds, rows / seconds, 0, validation);
    }

    /** Runs one round's task over every partition and sums the results: a tree aggregation, or a barrier stage. */
    private record RoundRunner(boolean barrier) {
        RoundSum run(JavaRDD<PackedBlock> blocks, Function2<RoundSum, PackedBlock, RoundSum> task) {
            return barrier ? BarrierRound.run(blocks, task) : blocks.treeAggregate(new RoundSum(), task, RoundSum::merge);
        }
    }
}
