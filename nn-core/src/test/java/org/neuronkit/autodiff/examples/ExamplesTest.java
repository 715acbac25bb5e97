package org.neuronkit.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuronkit.activation.Activations;
import org.neuronkit.autodiff.Node;
import org.neuronkit.autodiff.Tape;
import org.neuronkit.gradcheck.GradientChecker;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The recurrent cell and the graph convolution, written with graph operations only, pass gradient checks. */
class ExamplesTest {
    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void seed() {
        Nd4j.getRandom().setSeed(3);
    }

    @Test
    void elmanRnnUnrolledOverASequencePassesAGradientCheck() {
        int n = 3;
        int d = 2;
        int h = 5;
        int c = 3;
        List<INDArray> params = List.of(Nd4j.randn(D, h, d), Nd4j.randn(D, h, h).muli(0.5), Nd4j.randn(D, 1, h),
                Nd4j.randn(D, c, h), Nd4j.randn(D, 1, c));
        List<INDArray> sequence = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            sequence.add(Nd4j.randn(D, n, d));
        }
        INDArray targets = Nd4j.eye(c).castTo(D).getRows(2, 0, 1);

        Tape tape = new Tape(D);
        List<Node> vars = variables(tape, params);
        Node loss = rnnLoss(tape, vars, sequence, targets);
        List<INDArray> grads = tape.gradients(loss, vars.toArray(Node[]::new));
        for (int i = 0; i < params.size(); i++) {
            GradientChecker.Report r = new GradientChecker().check(p -> {
                Tape t = new Tape(D);
                return rnnLoss(t, variables(t, params), sequence, targets).value().getDouble(0);
            }, params.get(i), grads.get(i));
            assertTrue(r.maxRelativeError() < 1e-6, "parameter " + i + ": " + r);
        }
    }

    @Test
    void javaControlFlowShapesTheRecurrentGraph() {
        List<INDArray> params = List.of(Nd4j.randn(D, 4, 2), Nd4j.randn(D, 4, 4), Nd4j.randn(D, 1, 4));
        int[] sizes = new int[2];
        for (int k = 0; k < 2; k++) {
            int length = k == 0 ? 2 : 6;
            Tape tape = new Tape(D);
            List<Node> v = variables(tape, params);
            List<Node> xs = new ArrayList<>();
            for (int t = 0; t < length; t++) {
                xs.add(tape.constant("x" + t, Nd4j.randn(D, 1, 2)));
            }
            ElmanRnn.unroll(xs, v.get(0), v.get(1), v.get(2));
            sizes[k] = tape.nodes().size();
        }
        int perStep = 6;          // the input constant, two matmuls, two adds and tanh
        assertEquals(4 * perStep, sizes[1] - sizes[0], "four more steps, each with its own nodes");
    }

    @Test
    void twoLayerGraphConvolutionPassesAGradientCheck() {
        int v = 6;
        INDArray adjacency = Nd4j.zeros(D, v, v);
        for (int i = 0; i < v; i++) {
            adjacency.putScalar(i, (i + 1) % v, 1.0);
            adjacency.putScalar((i + 1) % v, i, 1.0);
        }
        adjacency.putScalar(0, 3, 1.0);
        adjacency.putScalar(3, 0, 1.0);
        INDArray aHat = GraphConvolution.normalizedAdjacency(adjacency);
        INDArray features = Nd4j.randn(D, v, 3);
        List<INDArray> params = List.of(Nd4j.randn(D, 3, 4), Nd4j.randn(D, 4, 2));
        INDArray labels = Nd4j.eye(2).castTo(D).getRows(0, 1, 0, 1, 1, 0);

        Tape tape = new Tape(D);
        List<Node> w = variables(tape, params);
        Node loss = gcnLoss(tape, aHat, features, w, labels);
        List<INDArray> grads = tape.gradients(loss, w.toArray(Node[]::new));
        for (int i = 0; i < params.size(); i++) {
            GradientChecker.Report r = new GradientChecker().check(p -> {
                Tape t = new Tape(D);
                return gcnLoss(t, aHat, features, variables(t, params), labels).value().getDouble(0);
            }, params.get(i), grads.get(i));
            assertTrue(r.maxRelativeError() < 1e-6, "W" + (i + 1) + ": " + r);
        }
    }

    @Test
    void normalizedAdjacencyOfARingAveragesEachNodeWithItsNeighbours() {
        int v = 5;
        INDArray ring = Nd4j.zeros(D, v, v);
        for (int i = 0; i < v; i++) {
            ring.putScalar(i, (i + 1) % v, 1.0);
            ring.putScalar((i + 1) % v, i, 1.0);
        }
        INDArray aHat = GraphConvolution.normalizedAdjacency(ring);
        for (int i = 0; i < v; i++) {
            for (int j = 0; j < v; j++) {
                int distance = Math.min(Math.abs(i - j), v - Math.abs(i - j));
                assertEquals(distance <= 1 ? 1.0 / 3 : 0.0, aHat.getDouble(i, j), 1e-15);
            }
        }
    }

    private static Node rnnLoss(Tape tape, List<Node> v, List<INDArray> sequence, INDArray targets) {
        List<Node> xs = new ArrayList<>();
        for (INDArray x : sequence) {
            xs.add(tape.constant("x", x));
        }
        return ElmanRnn.loss(xs, tape.constant("y", targets), v.get(0), v.get(1), v.get(2), v.get(3), v.get(4));
    }

    private static Node gcnLoss(Tape t, INDArray aHat, INDArray features, List<Node> w, INDArray labels) {
        Node a = t.constant("Â", aHat);
        Node h1 = GraphConvolution.layer(a, t.constant("H", features), w.get(0), Activations.tanh());
        return GraphConvolution.layer(a, h1, w.get(1), Activations.identity()).softmax().crossEntropy(t.constant("y", labels));
    }

    private static List<Node> variables(Tape tape, List<INDArray> values) {
        List<Node> v = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            v.add(tape.variable("p" + i, values.get(i)));
        }
        return v;
    }
}
