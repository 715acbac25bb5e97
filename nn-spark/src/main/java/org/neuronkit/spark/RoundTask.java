package org.neuronkit.spark;

import java.util.Arrays;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.NumericalException;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;

/**
 * One partition's share of a training round, run on an executor as the sequence operation over the
 * partition's {@link PackedBlock}. The partition builds the network from the {@link NetworkPlan} and
 * the broadcast vector, then for each step s of the round takes its rows of the global batch
 * ({@link BatchSchedule}) and computes ∂R/∂θ on them with its executor's ND4J:
 * <ul>
 *   <li>gradient mode (H = 1): it returns n_p·[g_p, θ_p]: its mean gradient g_p and its parameters
 *       θ_p after the training pass, weighted by its n_p rows. Σ_p n_p g_p / Σ_p n_p is the gradient
 *       of the mean loss over the global batch (λW is part of every g_p and the weights n_p/N sum to
 *       1, so it counts once). The trained entries of θ_p equal the broadcast θ, so their average is
 *       θ exactly; state that a training pass writes (batch norm's running averages) becomes the
 *       row-weighted average of the partitions';</li>
 *   <li>local-steps mode (H &gt; 1): it applies its own optimizer after each of the H steps, starting
 *       from the broadcast parameters and optimizer state, and returns the resulting state weighted by
 *       the rows it used.</li>
 * </ul>
 * The native buffers it allocated (network, optimizer state, batches) are closed when it is done.
 */
final class RoundTask implements Function2<RoundSum, PackedBlock, RoundSum> {
    private final NetworkPlan plan;
    private final BatchSchedule schedule;
    private final Broadcast<float[]> state;
    private final int epoch;
    private final int firstStep;
    private final int endStep;
    private final String localOptimizer;
    private final double learningRate;
    private final Targets targets;

    /**
     * @param state the broadcast parameters (gradient mode) or parameters and optimizer state (local steps)
     * @param firstStep the round's first step of the epoch; {@code endStep} is exclusive
     * @param localOptimizer the optimizer spec each partition runs in local-steps mode; null in gradient mode
     * @param learningRate α of this epoch, for the local optimizer
     */
    RoundTask(NetworkPlan plan, BatchSchedule schedule, Broadcast<float[]> state, int epoch, int firstStep, int endStep,
              String localOptimizer, double learningRate, Targets targets) {
        this.plan = plan;
        this.schedule = schedule;
        this.state = state;
        this.epoch = epoch;
        this.firstStep = firstStep;
        this.endStep = endStep;
        this.localOptimizer = localOptimizer;
        this.learningRate = learningRate;
        this.targets = targets;
    }

    @Override
    public RoundSum call(RoundSum sum, PackedBlock block) {
        if (block.rows == 0) {
            return sum;
        }
        TaskThreads.limitToTask();
        int[] order = schedule.permutation(epoch, block.partition, block.rows);
        Network network = plan.build(plan.seed() * 1_000_037L + block.partition);
        Optimizer optimizer = localOptimizer == null ? null : Optimizers.byName(localOptimizer, learningRate);
        FlatState flat = optimizer == null ? null : new FlatState(network.parameters(), optimizer);
        BatchBuffer batch = new BatchBuffer(block.width, targets);
        try {
            if (flat == null) {
                FlatState.assign(network.parameters(), state.value());
            } else {
                optimizer.setWeightCount(NetworkPlan.weightCount(network));
                flat.write(state.value());
            }
            long rows = 0;
            double riskSum = 0;
            for (int step = firstStep; step < endStep; step++) {
                int from = schedule.start(step, block.rows);
                int to = schedule.start(step + 1, block.rows);
                if (to == from) {
                    continue;
                }
                double risk = gradient(network, batch, block, order, from, to, step);
                if (optimizer == null) {
                    float[] gradient = network.gradients().toFloatVector();
                    float[] parameters = network.parameters().toFloatVector();
                    float[] both = Arrays.copyOf(gradient, gradient.length + parameters.length);
                    System.arraycopy(parameters, 0, both, gradient.length, parameters.length);
                    sum.addVector(both, to - from);
                } else {
                    optimizer.step(network.parameters(), network.gradients());
                }
                rows += to - from;
                riskSum += risk * (to - from);
            }
            if (flat != null && rows > 0) {
                sum.addVector(flat.read(), rows);
            }
            sum.addRows(rows, riskSum);
            return sum;
        } finally {
            batch.close();
            if (flat != null) {
                flat.closeOptimizerState();
            }
            network.close();
        }
    }

    /** Fills the network's gradients with ∂R/∂θ on rows order[from, to) of the block; returns R. */
    private double gradient(Network network, BatchBuffer batch, PackedBlock block, int[] order, int from, int to, int step) {
        batch.fill(block, order, from, to);
        long[] passes = new long[network.randomState().length];
        Arrays.fill(passes, (long) epoch * schedule.stepsPerEpoch() + step);
        network.restoreRandomState(passes);
        double risk = network.computeGradient(batch.features(), batch.targets());
        if (!Double.isFinite(risk) || !Network.isFinite(network.gradients())) {
            String where = network.locateNonFinite();
            throw new NumericalException("training diverged at epoch " + (epoch + 1) + ", step " + (step + 1)
                    + " in partition " + block.partition + ": risk " + risk + "; first non-finite values: "
                    + (where == null ? "in the loss only" : where) + " (try a smaller learning rate)");
        }
        return risk;
    }
}
