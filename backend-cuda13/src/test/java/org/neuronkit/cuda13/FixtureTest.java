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
import org.neuronkit.activation.Activations;
import org.neuronkit.cuda13.engine.Fixture;
import org.neuronkit.cuda13.engine.HiddenActivation;
import org.neuronkit.cuda13.engine.MlpSpec;
import org.neuronkit.cuda13.engine.OptimizerSpec;
import org.neuronkit.cuda13.engine.ReferenceOps;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.Optimizer;

/**
 * The fixture gpu-check replays on a GPU: 100 Adam updates of a 12-16-16-16-16-16-5 network with every hidden
 * activation the kernels have and λ = 1e-3, recorded here with nn-core on ND4J's CPU backend. The committed
 * file must be what nn-core produces now, must read back, and the engine's CPU reference must replay it.
 * {@code -Dneuronkit.fixture.write=true} rewrites the committed file.
 */
class FixtureTest {
    static final List<String> ACTIVATIONS = List.of("relu", "leakyrelu(0.1)", "tanh", "logistic", "gelu-tanh");
    static final int[] SIZES = {12, 16, 16, 16, 16, 16, 5};
    static final int ROWS = 64;
    static final int BATCH = 16;
    static final int STEPS = 100;
    static final double L2 = 1e-3;
    private static final Path COMMITTED = Path.of("..", "cuda13-engine", "src", "main", "resources", "org", "neuronkit", "cuda13", "engine",
            Fixture.RESOURCE);

    /** Records the run with nn-core: sequential batches of BATCH rows, nn-core's computeGradient and Adam. */
    static Fixture record() {
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
        Network network = builder.output(classes, Losses.softmaxCrossEntropy()).l2(L2).seed(5).dataType(DataType.FLOAT).build();
        NetworkShape shape = NetworkShape.of(network);
        float[] initial = shape.parameters(network);
        Optimizer adam = new Adam(0.01);
        INDArray features = Nd4j.create(x, new long[] {ROWS, SIZES[0]}, 'c');
        INDArray targets = Nd4j.zeros(DataType.FLOAT, ROWS, classes);
        for (int r = 0; r < ROWS; r++) {
            targets.putScalar(r, labels[r], 1);
        }
        float[] risks = new float[STEPS];
        for (int s = 0; s < STEPS; s++) {
            int from = (s % (ROWS / BATCH)) * BATCH;
            INDArray xb = features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + BATCH)).dup('c');
            INDArray yb = targets.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + BATCH)).dup('c');
            risks[s] = (float) network.computeGradient(xb, yb);
            adam.step(network.parameters(), network.gradients());
        }
        List<HiddenActivation> hidden = new ArrayList<>();
        ACTIVATIONS.forEach(a -> hidden.add(HiddenActivation.parse(a)));
        return new Fixture(new MlpSpec(SIZES, hidden, L2), OptimizerSpec.parse(adam.spec().toString()), BATCH, STEPS, x, labels, initial, risks,
                shape.parameters(network));
    }

    @Test
    void committedFixtureIsWhatNnCoreRecordsAndReadsBack() throws IOException {
        Fixture fresh = record();
        byte[] bytes = fresh.toBytes();
        if (Boolean.getBoolean("neuronkit.fixture.write")) {
            Files.write(COMMITTED, bytes);
        }
        Fixture back = Fixture.fromBytes(bytes);
        assertArrayEquals(fresh.parameters(), back.parameters());
        assertArrayEquals(fresh.risks(), back.risks());
        assertEquals(fresh.spec().describe(), back.spec().describe());
        assertEquals(fresh.optimizer(), back.optimizer());

        Fixture committed = Fixture.committed();
        assertEquals(fresh.spec().describe(), committed.spec().describe());
        assertArrayEquals(fresh.x(), committed.x());
        assertArrayEquals(fresh.labels(), committed.labels());
        assertArrayEquals(fresh.initial(), committed.initial());
        // another CPU (another SIMD path of ND4J) may round differently: close, not necessarily equal
        assertTrue(Fixture.relativeDifference(fresh.parameters(), committed.parameters()) < 1e-5,
                "nn-core's parameters after " + STEPS + " steps moved away from the committed fixture's: rerun with -Dneuronkit.fixture.write=true "
                        + "if nn-core's arithmetic changed on purpose");
    }

    @Test
    void cpuReferenceReplaysNnCoreWithin1e4() {
        Fixture fixture = Fixture.committed();
        float[] parameters = new float[fixture.parameters().length];
        float[] risks = fixture.replay(new ReferenceOps(), parameters);
        for (int s = 0; s < fixture.steps(); s++) {
            assertEquals(fixture.risks()[s], risks[s], 1e-4 * Math.abs(fixture.risks()[s]), "risk of step " + (s + 1));
        }
        double difference = Fixture.relativeDifference(parameters, fixture.parameters());
        assertTrue(difference < 1e-4, "‖θ_reference − θ_nn-core‖ / ‖θ_nn-core‖ = " + difference);
        assertTrue(fixture.risks()[fixture.steps() - 1] < 0.5 * fixture.risks()[0], "the recorded run learns: risk "
                + fixture.risks()[0] + " → " + fixture.risks()[fixture.steps() - 1]);
    }
}
