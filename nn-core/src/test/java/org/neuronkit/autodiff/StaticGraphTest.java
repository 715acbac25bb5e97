package org.neuronkit.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuronkit.activation.Activations;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A static graph, defined once and run many times, computes what a tape recorded afresh computes. */
class StaticGraphTest {
    private static final DataType D = DataType.DOUBLE;

    @BeforeAll
    static void seed() {
        Nd4j.getRandom().setSeed(5);
    }

    @ParameterizedTest(name = "random graph {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void runsLikeATapeForNewValuesReusingItsBuffers(long seed) {
        INDArray[] x = RandomGraph.randomValues();
        StaticGraph g = new StaticGraph(D);
        RandomGraph sg = new RandomGraph(g, x, seed, 14);
        Node loss = sg.output.mul(sg.output).sum();
        g.compile(loss);
        INDArray[] firstValues = null;
        for (int run = 0; run < 3; run++) {
            INDArray[] fresh = RandomGraph.randomValues();
            for (int i = 0; i < x.length; i++) {
                x[i].assign(fresh[i]);
            }
            g.run(Map.of());
            g.backward(loss);

            Tape tape = new Tape(D);
            RandomGraph tg = new RandomGraph(tape, x, seed, 14);
            Node tapeLoss = tg.output.mul(tg.output).sum();
            tape.backward(tapeLoss);
            assertEquals(tapeLoss.value().getDouble(0), loss.value().getDouble(0), 1e-12);
            for (int i = 0; i < x.length; i++) {
                assertEquals(tg.variables.get(i).grad(), sg.variables.get(i).grad(), "variable " + i + ", run " + run);
            }
            INDArray[] values = new INDArray[g.nodes().size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = g.nodes().get(k).value();
            }
            if (firstValues != null) {
                for (int k = 0; k < values.length; k++) {
                    assertSame(firstValues[k], values[k], "buffer of " + g.nodes().get(k).name() + " reused");
                }
            }
            firstValues = values;
        }
    }

    @Test
    void placeholdersTakeNewBatchesAndForwardModeRunsInTheSamePass() {
        StaticGraph g = new StaticGraph(D);
        Node x = g.placeholder("x");
        Node y = g.placeholder("y");
        Node w = g.variable("W", Nd4j.randn(D, 3, 4));
        Node b = g.variable("b", Nd4j.randn(D, 1, 3));
        Node loss = x.matmul(w.transpose()).add(b).apply(Activations.tanh()).softmax().crossEntropy(y);
        g.compile(loss);
        INDArray v = Nd4j.randn(D, 3, 4);

        INDArray previousGrad = null;
        for (int n : new int[] {5, 5, 8}) {
            INDArray xs = Nd4j.randn(D, n, 4);
            INDArray ys = Nd4j.eye(3).castTo(D).getRows(indices(n));
            g.run(Map.of(x, xs, y, ys), Map.of(w, v));
            g.backward(loss);

            Tape t = new Tape(D);
            Node tw = t.variable("W", w.value(), v);
            Node tl = t.constant("x", xs).matmul(tw.transpose()).add(t.variable("b", b.value()))
                    .apply(Activations.tanh()).softmax().crossEntropy(t.constant("y", ys));
            List<INDArray> grads = t.gradients(tl, tw);
            assertEquals(tl.value().getDouble(0), loss.value().getDouble(0), 1e-12);
            assertEquals(tl.tangent().getDouble(0), loss.tangent().getDouble(0), 1e-12);
            assertEquals(grads.get(0), w.grad());
            if (previousGrad != null) {
                assertSame(previousGrad, w.grad(), "gradient buffer reused");
            }
            previousGrad = w.grad();
        }
    }

    private static int[] indices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i % 3;
        }
        return idx;
    }

    @Test
    void prunesNodesTheOutputsDoNotNeed() {
        StaticGraph g = new StaticGraph(D);
        Node x = g.placeholder("x");
        Node used = x.exp();
        Node unused = x.log();
        g.compile(used);
        Map<Node, INDArray> feeds = new HashMap<>();
        feeds.put(x, Nd4j.ones(D, 2));
        g.run(feeds);
        assertEquals(Math.E, used.value().getDouble(0), 1e-15);
        assertEquals(null, unused.value());
    }
}
