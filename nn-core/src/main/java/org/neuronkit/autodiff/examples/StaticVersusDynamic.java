package org.neuronkit.autodiff.examples;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.neuronkit.activation.Activations;
import org.neuronkit.autodiff.Graph;
import org.neuronkit.autodiff.Node;
import org.neuronkit.autodiff.StaticGraph;
import org.neuronkit.autodiff.Tape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the static graph buys, measured: one training step's gradient of a two-hidden-layer
 * perceptron's loss (batch × inputs → hidden → hidden → classes, tanh, softmax cross-entropy),
 * recorded afresh on a {@link Tape} each step versus a {@link StaticGraph} compiled once and run
 * with new batches (its plan and its value and gradient buffers reused).
 *
 * <p>{@link Step} holds either form so a JMH benchmark can time {@link Step#gradient} alone;
 * {@link #main} prints both times per step for a small and a larger network.
 */
public final class StaticVersusDynamic {
    private StaticVersusDynamic() {}

    /** A perceptron's weights and one batch; {@link #gradient} computes ∂L/∂W for all weights. */
    public static final class Step {
        private final INDArray[] weights;
        private final INDArray x;
        private final INDArray y;
        private final boolean useStatic;
        private StaticGraph graph;
        private Node[] staticWeights;
        private Node staticLoss;
        private Node xIn;
        private Node yIn;

        public Step(int batch, int inputs, int hidden, int classes, boolean useStatic) {
            Nd4j.getRandom().setSeed(1);
            this.weights = new INDArray[] {Nd4j.randn(DataType.DOUBLE, hidden, inputs).muli(0.1), Nd4j.zeros(DataType.DOUBLE, 1, hidden),
                Nd4j.randn(DataType.DOUBLE, hidden, hidden).muli(0.1), Nd4j.zeros(DataType.DOUBLE, 1, hidden),
                Nd4j.randn(DataType.DOUBLE, classes, hidden).muli(0.1), Nd4j.zeros(DataType.DOUBLE, 1, classes)};
            this.x = Nd4j.randn(DataType.DOUBLE, batch, inputs);
            this.y = Nd4j.eye(classes).castTo(DataType.DOUBLE).getRows(rowsCycling(batch, classes));
            this.useStatic = useStatic;
            if (useStatic) {
                graph = new StaticGraph(DataType.DOUBLE);
                xIn = graph.placeholder("x");
                yIn = graph.placeholder("y");
                staticWeights = variables(graph);
                staticLoss = loss(xIn, yIn, staticWeights);
                graph.compile(staticLoss);
            }
        }

        /** ∂L/∂W₁ of this step (the other gradients are computed too). */
        public INDArray gradient() {
            if (useStatic) {
                graph.run(Map.of(xIn, x, yIn, y));
                graph.backward(staticLoss);
                return staticWeights[0].grad();
            }
            Tape tape = new Tape(DataType.DOUBLE);
            Node[] w = variables(tape);
            tape.backward(loss(tape.constant("x", x), tape.constant("y", y), w));
            return w[0].grad();
        }

        private Node[] variables(Graph g) {
            Node[] w = new Node[weights.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = g.variable("p" + i, weights[i]);
            }
            return w;
        }

        private static Node loss(Node x, Node y, Node[] w) {
            Node h = x;
            for (int l = 0; l < 2; l++) {
                h = h.matmul(w[2 * l].transpose()).add(w[2 * l + 1]).apply(Activations.tanh());
            }
            return h.matmul(w[4].transpose()).add(w[5]).softmax().crossEntropy(y);
        }

        private static int[] rowsCycling(int n, int classes) {
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = i % classes;
            }
            return rows;
        }
    }

    /**
     * Prints the median time per step of both forms. The two are measured in alternating rounds, so
     * that load from other processes on the machine affects both alike.
     */
    public static void main(String[] args) {
        System.out.println("network\tdynamic (Tape) ms/step\tstatic ms/step\tspeed-up");
        for (int[] size : new int[][] {{16, 8, 16, 4}, {64, 784, 256, 10}}) {
            Step dynamic = new Step(size[0], size[1], size[2], size[3], false);
            Step fixed = new Step(size[0], size[1], size[2], size[3], true);
            int steps = size[1] > 100 ? 10 : 100;
            int rounds = 21;
            double[] d = new double[rounds];
            double[] s = new double[rounds];
            GradientCost.millis(dynamic::gradient, steps);
            GradientCost.millis(fixed::gradient, steps);
            for (int r = 0; r < rounds; r++) {
                d[r] = GradientCost.millis(dynamic::gradient, steps);
                s[r] = GradientCost.millis(fixed::gradient, steps);
            }
            Arrays.sort(d);
            Arrays.sort(s);
            System.out.println(String.format(Locale.ROOT, "batch %d, %d-%d-%d-%d\t%.4f\t%.4f\t%.2f", size[0], size[1], size[2], size[2],
                    size[3], d[rounds / 2], s[rounds / 2], d[rounds / 2] / s[rounds / 2]));
        }
    }
}
