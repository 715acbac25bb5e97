package org.neuronkit.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.neuronkit.activation.Activations;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A random computation over 3×4 values, built from a seed in any {@link Graph}: five variables
 * (three 3×4 matrices, a 1×4 row, a 3×1 column, so broadcasting is exercised), then a chain of
 * randomly chosen operations whose inputs are drawn from everything computed so far, so values feed
 * several operations. The output is a 3×4 node.
 */
final class RandomGraph {
    static final long[][] SHAPES = {{3, 4}, {3, 4}, {3, 4}, {1, 4}, {3, 1}};
    final List<Node> variables = new ArrayList<>();
    final Node output;

    RandomGraph(Graph g, INDArray[] values, long seed, int steps) {
        this(g, values, null, seed, steps);
    }

    /** With {@code tangents} (g must be a Tape) the variables carry forward-mode tangents. */
    RandomGraph(Graph g, INDArray[] values, INDArray[] tangents, long seed, int steps) {
        Random r = new Random(seed);
        List<Node> pool = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Node v = tangents == null ? g.variable("v" + i, values[i]) : ((Tape) g).variable("v" + i, values[i], tangents[i]);
            variables.add(v);
            if (i < 3) {
                pool.add(v);
            }
        }
        Node row = variables.get(3);
        Node col = variables.get(4);
        Node square = g.constant("A", Nd4j.linspace(-1.0, 1.0, 16, DataType.DOUBLE).reshape(4, 4));
        for (int s = 0; s < steps; s++) {
            Node a = pool.get(r.nextInt(pool.size()));
            Node b = pool.get(r.nextInt(pool.size()));
            Node next = switch (r.nextInt(16)) {
                case 0 -> a.add(b);
                case 1 -> a.sub(b.mul(row));
                case 2 -> a.mul(b);
                case 3 -> a.div(b.mul(b).add(1));
                case 4 -> a.max(b.add(col));
                case 5 -> a.apply(Activations.tanh());
                case 6 -> a.sin().add(b.cos());
                case 7 -> a.mul(a).add(1).log();
                case 8 -> a.mul(a).add(0.5).sqrt();
                case 9 -> a.matmul(square);
                case 10 -> a.sub(a.mean(0)).add(b.sum(1));
                case 11 -> a.softmax().add(b.logSoftmax());
                case 12 -> a.transpose().reshape(3, 4);
                case 13 -> a.apply(Activations.softplus()).sub(b.apply(Activations.elu(1.0)));
                case 14 -> a.pow(2).mul(0.5).sub(b.abs());
                default -> a.apply(Activations.logistic()).div(col.exp());
            };
            pool.add(next);
        }
        output = pool.get(pool.size() - 1).add(pool.get(r.nextInt(pool.size())));
    }

    static INDArray[] randomValues() {
        INDArray[] x = new INDArray[SHAPES.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Nd4j.randn(DataType.DOUBLE, SHAPES[i]);
        }
        return x;
    }
}
