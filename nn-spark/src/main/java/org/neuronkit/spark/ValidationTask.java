package org.neuronkit.spark;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.network.Network;

/**
 * One partition's share of an epoch's validation, as the sequence operation over its validation
 * {@link PackedBlock}: the network with the broadcast parameters, in inference mode, over batches of
 * up to {@value #BATCH} rows. It adds, weighted by the rows, the structural risk R (what training
 * minimises, as the single-machine trainer's validation reports it) and the per-row metric: 1 for a
 * correctly classified row, or the squared error (ŷ − y)² in the label's own units for a regression.
 */
final class ValidationTask implements Function2<RoundSum, PackedBlock, RoundSum> {
    static final int BATCH = 1024;
    private final NetworkPlan plan;
    private final Broadcast<float[]> parameters;
    private final Targets targets;

    ValidationTask(NetworkPlan plan, Broadcast<float[]> parameters, Targets targets) {
        this.plan = plan;
        this.parameters = parameters;
        this.targets = targets;
    }

    @Override
    public RoundSum call(RoundSum sum, PackedBlock block) {
        if (block.rows == 0) {
            return sum;
        }
        TaskThreads.limitToTask();
        int[] order = new int[block.rows];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        try (Network network = plan.build(); BatchBuffer batch = new BatchBuffer(block.width, targets)) {
            FlatState.assign(network.parameters(), parameters.value());
            for (int from = 0; from < block.rows; from += BATCH) {
                int to = Math.min(from + BATCH, block.rows);
                batch.fill(block, order, from, to);
                double risk = network.risk(batch.features(), batch.targets());
                sum.addRows(to - from, risk * (to - from));
                sum.addMetric(metric(network.lastOutput(), block, from));
            }
        }
        return sum;
    }

    /** Σ over the batch's rows of the metric (correct classes, or squared errors in label units). */
    private double metric(INDArray output, PackedBlock block, int from) {
        float[][] rows = output.toFloatMatrix();
        double total = 0;
        for (int i = 0; i < rows.length; i++) {
            total += targets.metricTerm(rows[i], block.labels[from + i]);
        }
        return total;
    }
}
