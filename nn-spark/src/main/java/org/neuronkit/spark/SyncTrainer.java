package org.neuronkit.spark;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous data-parallel training on the driver. Each round:
 * <ol>
 *   <li>broadcast θ, the flat parameter vector (with the optimizer state when H &gt; 1);</li>
 *   <li>every partition runs H steps of the global minibatch sequence ({@link BatchSchedule}) on its
 *       cached {@link PackedBlock} ({@link RoundTask});</li>
 *   <li>{@code treeAggregate} sums the partitions' row-weighted vectors ({@link RoundSum});</li>
 *   <li>H = 1: the driver applies its optimizer to the global-batch gradient
 *       g = Σ_p n_p g_p / Σ_p n_p, which makes this exactly minibatch SGD / Adam on the global batch;
 *       H &gt; 1: the driver replaces θ (and the optimizer state) by the row-weighted average of the
 *       partitions' (local SGD / model averaging: ⌈S/H⌉ rounds per epoch instead of S).</li>
 * </ol>
 * Each round is logged through SLF4J (INFO): its mean risk and samples per second.
 */
final class SyncTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(SyncTrainer.class);

    /** The training settings: optimizer by name, α, global batch size B, epochs, shuffling seed, H. */
    record Settings(String optimizer, double learningRate, int batchSize, int epochs, long seed, int localSteps) {
    }

    private final NetworkSpec spec;
    private final Settings settings;
    private final boolean classes;

    SyncTrainer(NetworkSpec spec, Settings settings, boolean classes) {
        this.spec = spec;
        this.settings = settings;
        this.classes = classes;
    }

    /** Trains from {@code spec}'s initial weights on the cached blocks of {@code totalRows} rows; returns the network. */
    Network train(JavaRDD<PackedBlock> blocks, long totalRows) {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(blocks.context());
        BatchSchedule schedule = new BatchSchedule(totalRows, settings.batchSize(), settings.seed());
        Network network = spec.build();
        Optimizer optimizer = Optimizers.byName(settings.optimizer(), settings.learningRate());
        int h = settings.localSteps();
        FlatState flat = h > 1 ? new FlatState(network.parameters(), optimizer) : null;
        int steps = schedule.stepsPerEpoch();
        int rounds = (steps + h - 1) / h;
        LOG.info("training {} on {} rows in {} partitions: {} epochs of {} steps (global batch {}), H = {}: {} rounds per epoch",
                spec, totalRows, blocks.getNumPartitions(), settings.epochs(), steps, settings.batchSize(), h, rounds);
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            double epochRisk = 0;
            long epochRows = 0;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                int first = round * h;
                int end = Math.min(first + h, steps);
                Broadcast<float[]> state = spark.broadcast(flat == null ? network.parameters().toFloatVector() : flat.read());
                RoundTask task = new RoundTask(spec, schedule, state, epoch, first, end,
                        flat == null ? null : settings.optimizer(), settings.learningRate(), classes);
                RoundSum sum = blocks.treeAggregate(new RoundSum(), task, RoundSum::merge);
                state.destroy();
                if (sum.rows() == 0) {
                    continue;
                }
                if (flat == null) {
                    INDArray gradient = Nd4j.createFromArray(sum.mean());
                    optimizer.step(network.parameters(), gradient);
                    gradient.close();
                } else {
                    flat.write(sum.mean());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                epochRisk += sum.meanRisk() * sum.rows();
                epochRows += sum.rows();
                LOG.info(String.format("epoch %d/%d round %d/%d: risk %.5f, %d samples in %.3f s (%.0f samples/s)",
                        epoch + 1, settings.epochs(), round + 1, rounds, sum.meanRisk(), sum.rows(), seconds, sum.rows() / seconds));
            }
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            LOG.info(String.format("epoch %d/%d: mean risk %.5f, %d samples in %.2f s (%.0f samples/s)",
                    epoch + 1, settings.epochs(), epochRisk / epochRows, epochRows, seconds, epochRows / seconds));
        }
        return network;
    }
}
