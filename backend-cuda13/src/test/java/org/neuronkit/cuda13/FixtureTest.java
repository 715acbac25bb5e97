package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.activation.Activations;
import org.neuronkit.cuda13.engine.Fixture;
import org.neuronkit.cuda13.engine.HiddenActivation;
import org.neuronkit.cuda13.engine.LossForm;
import org.neuronkit.cuda13.engine.MlpSpec;
import org.neuronkit.cuda13.engine.OutputLoss;
import org.neuronkit.cuda13.engine.ReferenceOps;
import org.neuronkit.layer.Dense;
import org.neuronkit.layer.Layer;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.train.GradientClipping;

/**
 * The fixtures gpu-check replays on a GPU, one per optimizer of nn-core's registry: 100 updates of a
 * 12-16-16-16-16-16-5 network with every hidden activation the kernels have, L1 and L2, and class-weighted
 * softmax cross-entropy, recorded here with nn-core on ND4J's CPU backend. Each committed file must be what
 * nn-core produces now, must read back, and the engine's CPU reference must replay it within 1e-4.
 * {@code -Dneuronkit.fixture.write=true} rewrites the committed files.
 */
class FixtureTest {
    static final List<String> ACTIVATIONS = List.of("relu", "leakyrelu(0.1)", "tanh", "logistic", "gelu-tanh");
    static final int[] SIZES = {12, 16, 16, 16, 16, 16, 5};
    static final float[] CLASS_WEIGHTS = {1, 2, 0.5f, 1, 1.5f};
    static final int ROWS = 64;
    static final int BATCH = 16;
    static final int STEPS = 100;
    static final double L1 = 1e-4;
    static final double L2 = 1e-3;
    static final double LEARNING_RATE = 0.01;
    private static final Path RESOURCES = Path.of("..", "cuda13-engine", "src", "main", "resources", "org", "neuronkit", "cuda13", "engine");

    /** The network's parameters in the engine's layout: every W (units × inputs, row-major), then every b. */
    static float[] engineLayout(Network network) {
        List<float[]> parts = new ArrayList<>();
        for (Layer layer : network.layers()) {
            parts.add(((Dense) layer).weights().castTo(DataType.FLOAT).dup('c').data().asFloat());
        }
        for (Layer layer : network.layers()) {
            parts.add(((Dense) layer).bias().castTo(DataType.FLOAT).dup('c').data().asFloat());
        }
        float[] out = new float[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Records the run of {@code optimizerName} with nn-core: sequential batches of BATCH rows, computeGradient, the optimizer's step. */
    static Fixture record(String optimizerName) {
        Random random = new Random(2026);
        float[] x = new float[ROWS * SIZES[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int classes = SIZES[SIZES.length - 1];
        double[][] teacher = new double[classes][SIZES[0]];
        for (double[] row : teacher) {
            for (int i = 0; i < row.length; i++) {
                row[i] = random.nextGaussian();
            }
        }
        int[] labels = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            double best = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double s = 0;
                for (int i = 0; i < SIZES[0]; i++) {
                    s += teacher[c][i] * x[r * SIZES[0] + i];
                }
                if (s > best) {
                    best = s;
                    labels[r] = c;
                }
            }
        }
        NetworkBuilder builder = Network.builder(SIZES[0]);
        for (int l = 0; l < ACTIVATIONS.size(); l++) {
            builder.dense(SIZES[l + 1], Activations.parse(ACTIVATIONS.get(l)));
        }
        Network network = builder.output(classes, Losses.parse("softmax-cross-entropy(1,2,0.5,1,1.5)")).l1(L1).l2(L2).seed(5)
                .dataType(DataType.FLOAT).build();
        float[] initial = engineLayout(network);
        Optimizer optimizer = Optimizers.byName(optimizerName, LEARNING_RATE);
        long weightCount = network.layers().stream().mapToLong(Layer::weightCount).sum();
        optimizer.setWeightCount(weightCount);
        INDArray features = Nd4j.create(x, new long[] {ROWS, SIZES[0]}, 'c');
        INDArray targets = Nd4j.zeros(DataType.FLOAT, ROWS, classes);
        for (int r = 0; r < ROWS; r++) {
            targets.putScalar(r, labels[r], 1);
        }
        float[] risks = new float[STEPS];
        for (int s = 0; s < STEPS; s++) {
            int from = (s % (ROWS / BATCH)) * BATCH;
            INDArray xb = features.get(NDArrayIndex.interval(from, from + BATCH)).dup('c');
            INDArray yb = targets.get(NDArrayIndex.interval(from, from + BATCH)).dup('c');
            risks[s] = (float) network.computeGradient(xb, yb);
            optimizer.step(network.parameters(), network.gradients());
        }
        List<HiddenActivation> hidden = new ArrayList<>();
        ACTIVATIONS.forEach(a -> hidden.add(HiddenActivation.parse(a)));
        LossForm loss = new LossForm(OutputLoss.SOFTMAX_CROSS_ENTROPY, 0, HiddenActivation.parse("identity"), CLASS_WEIGHTS);
        return new Fixture(new MlpSpec(SIZES, hidden, loss, L1, L2), EnginePlans.update(optimizer.spec(), weightCount, GradientClipping.none()),
                (float) LEARNING_RATE, BATCH, STEPS, x, labels, initial, risks, engineLayout(network));
    }

    @Test
    void theEngineLayoutIsNnCoresFlatBufferForDenseNetworks() {
        Network network = Network.builder(3).dense(4, Activations.tanh()).output(2, Losses.softmaxCrossEntropy()).seed(3).dataType(DataType.FLOAT)
                .build();
        assertArrayEquals(network.parameters().dup().data().asFloat(), engineLayout(network));
    }

    @Test
    void everyOptimizersCommittedFixtureIsWhatNnCoreRecordsReadsBackAndTheReferenceReplaysWithin1e4() throws IOException {
        if (Boolean.getBoolean("neuronkit.fixture.write")) { // then run again: the engine's classes hold the files of the build
            for (String name : Optimizers.REGISTRY.names()) {
                Files.write(RESOURCES.resolve(Fixture.resource(name)), record(name).toBytes());
            }
        }
        for (String name : Optimizers.REGISTRY.names()) {
            Fixture fresh = record(name);
            byte[] bytes = fresh.toBytes();
            Fixture back = Fixture.fromBytes(bytes);
            assertArrayEquals(fresh.parameters(), back.parameters(), name);
            assertArrayEquals(fresh.risks(), back.risks(), name);
            assertEquals(fresh.spec().describe(), back.spec().describe(), name);
            assertEquals(fresh.optimizer(), back.optimizer(), name);

            Fixture committed = Fixture.committed(name);
            assertEquals(fresh.spec().describe(), committed.spec().describe(), name);
            assertEquals(fresh.describeOptimizer(), committed.describeOptimizer());
            assertArrayEquals(fresh.x(), committed.x(), name);
            assertArrayEquals(fresh.initial(), committed.initial(), name);
            // another CPU (another SIMD path of ND4J) may round differently: close, not necessarily equal
            assertTrue(Fixture.relativeDifference(fresh.parameters(), committed.parameters()) < 1e-5, name + ": nn-core's parameters after "
                    + STEPS + " steps moved away from the committed fixture's: rerun with -Dneuronkit.fixture.write=true if nn-core's "
                    + "arithmetic changed on purpose");

            float[] parameters = new float[committed.parameters().length];
            float[] risks = committed.replay(new ReferenceOps(), parameters);
            for (int s = 0; s < committed.steps(); s++) {
                assertEquals(committed.risks()[s], risks[s], 1e-4 * Math.abs(committed.risks()[s]), name + ": risk of step " + (s + 1));
            }
            double difference = Fixture.relativeDifference(parameters, committed.parameters());
            assertTrue(difference < 1e-4, name + ": ‖θ_reference − θ_nn-core‖ / ‖θ_nn-core‖ = " + difference);
            assertTrue(committed.risks()[committed.steps() - 1] < committed.risks()[0], name + ": the recorded run learns: risk "
                    + committed.risks()[0] + " → " + committed.risks()[committed.steps() - 1]);
        }
    }
}
