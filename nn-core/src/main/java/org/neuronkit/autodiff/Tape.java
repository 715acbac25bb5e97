package org.neuronkit.autodiff;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dynamic computational graph (docs/chapter.md §5, "built while the program runs"): every operation executes
 * at once and is recorded on the tape, so ordinary Java control flow — loops, branches, recursion —
 * decides the graph. Reverse mode then walks the recorded operations backwards.
 *
 * <p>Forward mode: give variables a tangent ({@link #variable(String, INDArray, INDArray)}) and every
 * operation computes its tangent right after its value; an output's {@link Node#tangent()} is the
 * directional derivative J·v along those tangents, from the same single forward pass.
 *
 * <p>A tape keeps every node it recorded, values included: use a fresh tape for each step.
 *
 * <pre>{@code
 * Tape tape = new Tape(DataType.DOUBLE);
 * Node w = tape.variable("w", Nd4j.scalar(0.0)), b = tape.variable("b", Nd4j.scalar(0.0));
 * Node x = tape.constant("x", Nd4j.scalar(1.0));
 * Node f = tape.constant(1).div(w.mul(x).add(b).neg().exp().add(1));   // 1 / (exp(−(wx + b)) + 1)
 * tape.backward(f);                                                    // w.grad() = b.grad() = 0.25
 * }</pre>
 */
public final class Tape extends Graph {

    public Tape() {
        this(Nd4j.defaultFloatingPointType());
    }

    public Tape(DataType dataType) {
        super(dataType);
    }

    /** A variable with a forward-mode tangent (its direction v, of the value's shape). */
    public Node variable(String name, INDArray value, INDArray tangent) {
        if (!Arrays.equals(value.shape(), tangent.shape())) {
            throw Shapes.mismatch("tangent of " + name, value.shape(), tangent.shape(), "differ");
        }
        checkType(name, tangent);
        Node n = variable(name, value);
        n.tangent = tangent;
        return n;
    }

    @Override
    Node apply(Primitive op, Node... inputs) {
        Node n = newOperation(op, inputs);
        try {
            n.compute(false);
        } catch (RuntimeException e) {
            discardLast();
            throw e;
        }
        return n;
    }

    @Override
    List<Node> order(Node output) {
        return ChainRule.topologicalOrder(output);
    }
}
