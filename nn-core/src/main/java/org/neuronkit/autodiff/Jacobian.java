package org.neuronkit.autodiff;

import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The full Jacobian J = ∂f(x)/∂x of a function written with graph operations, as an m × n matrix
 * (m = f(x).length(), n = x.length(), both flattened row-major). Two ways, with the cost argument of
 * docs/chapter.md §5: forward mode needs one forward pass per input direction (n passes), reverse mode one
 * forward pass plus one backward pass per output component (m passes). For a scalar loss (m = 1)
 * of many parameters reverse mode is therefore far cheaper.
 *
 * <p>{@code f} receives x as a variable of a fresh {@link Tape}; it may create constants with
 * {@code x.graph().constant(...)}.
 */
public final class Jacobian {
    private Jacobian() {}

    /** J column by column: column j is the tangent of f(x) along the unit direction eⱼ. */
    public static INDArray forwardMode(UnaryOperator<Node> f, INDArray x) {
        INDArray jacobian = null;
        for (long j = 0; j < x.length(); j++) {
            INDArray direction = Nd4j.zeros(x.dataType(), x.length());
            direction.putScalar(j, 1.0);
            Tape tape = new Tape(x.dataType());
            Node y = f.apply(tape.variable("x", x, direction.reshape('c', x.shape())));
            INDArray column = y.tangent() == null ? Nd4j.zeros(x.dataType(), y.value().length()) : y.tangent();
            if (jacobian == null) {
                jacobian = Nd4j.zeros(x.dataType(), y.value().length(), x.length());
            }
            jacobian.getColumn(j).assign(column.reshape('c', new long[] {y.value().length()}));
        }
        return jacobian;
    }

    /** J row by row: row i is the gradient of output component i, from one backward pass seeded with eᵢ. */
    public static INDArray reverseMode(UnaryOperator<Node> f, INDArray x) {
        Tape tape = new Tape(x.dataType());
        Node input = tape.variable("x", x);
        Node y = f.apply(input);
        long m = y.value().length();
        INDArray jacobian = Nd4j.zeros(x.dataType(), m, x.length());
        for (long i = 0; i < m; i++) {
            INDArray seed = Nd4j.zeros(x.dataType(), m);
            seed.putScalar(i, 1.0);
            tape.backward(y, seed.reshape('c', y.value().shape()));
            jacobian.getRow(i).assign(input.grad().reshape('c', new long[] {x.length()}));
        }
        return jacobian;
    }
}
