package org.neuronkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.Optimizer;

/**
 * H = 1 over 2 partitions is exactly minibatch Adam on the global batches: the parameters after
 * training equal those of one network trained on one machine over the same global minibatch sequence
 * (each global batch = the concatenation of the partitions' rows for that step), up to float summation
 * order.
 */
class SynchronousEquivalenceTest {
    private static final int WIDTH = 6;
    private static final int CLASSES = 3;
    private static final int BATCH = 32;
    private static final int EPOCHS = 3;
    private static final long SEED = 7;
    private static final double L2 = 1e-3;
    private static final double RATE = 0.01;

    @Test
    void twoPartitionsWithOneLocalStepEqualSingleMachineTraining() {
        // 301 rows: partitions of 150 and 151, so the global batches mix unequal shares
        Dataset<Row> data = SparkTests.frame(SparkTests.blobs(301, WIDTH, CLASSES, 3), 2);
        NeuronKitClassificationModel model = new NeuronKitClassifier()
                .setLayers(new DenseSpec(8, "tanh"), new DenseSpec(5, "tanh")).setOptimizer("adam").setLearningRate(RATE)
                .setL2(L2).setBatchSize(BATCH).setEpochs(EPOCHS).setSeed(SEED).setLocalSteps(1)
                .fit(data);

        NetworkPlan spec = new NetworkPlan(WIDTH, LayerList.toJson(List.of(new DenseSpec(8, "tanh"), new DenseSpec(5, "tanh"))), CLASSES,
                "softmax-cross-entropy", L2, 0, SEED);
        INDArray initial = spec.build().parameters().dup();
        INDArray expected = trainOnOneMachine(spec, data.toJavaRDD().glom().collect());
        INDArray actual = model.network().parameters();

        double moved = expected.sub(initial).norm2Number().doubleValue();
        double gap = actual.sub(expected).amaxNumber().doubleValue();
        assertTrue(moved > 1, "training moved the parameters by " + moved);
        assertTrue(gap < 2e-5, "largest parameter difference from single-machine training: " + gap);
    }

    /** The reference: one network, one Adam, the same global minibatches built by concatenation. */
    private static INDArray trainOnOneMachine(NetworkPlan spec, List<List<Row>> partitions) {
        Network network = spec.build();
        Optimizer adam = new Adam(RATE);
        long total = partitions.stream().mapToLong(List::size).sum();
        BatchSchedule schedule = new BatchSchedule(total, BATCH, SEED);
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            int[][] orders = new int[partitions.size()][];
            for (int p = 0; p < partitions.size(); p++) {
                orders[p] = schedule.permutation(epoch, p, partitions.get(p).size());
            }
            for (int step = 0; step < schedule.stepsPerEpoch(); step++) {
                int rows = 0;
                for (List<Row> partition : partitions) {
                    rows += schedule.start(step + 1, partition.size()) - schedule.start(step, partition.size());
                }
                INDArray x = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, WIDTH);
                INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, rows, CLASSES);
                int r = 0;
                for (int p = 0; p < partitions.size(); p++) {
                    List<Row> partition = partitions.get(p);
                    for (int i = schedule.start(step, partition.size()); i < schedule.start(step + 1, partition.size()); i++) {
                        Row row = partition.get(orders[p][i]);
                        double[] features = ((Vector) row.get(0)).toArray();
                        for (int j = 0; j < WIDTH; j++) {
                            x.putScalar(r, j, features[j]);
                        }
                        y.putScalar(r, (int) row.getDouble(1), 1.0);
                        r++;
                    }
                }
                assertEquals(rows, r);
                network.computeGradient(x, y);
                adam.step(network.parameters(), network.gradients());
            }
        }
        return network.parameters();
    }
}
