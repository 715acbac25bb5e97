package org.neuronkit.autodiff;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A computational graph (docs/chapter.md §5): nodes for variables, constants and elementary operations, with
 * reverse mode ({@link #backward}) over it. The two forms share this class: a {@link Tape} (dynamic,
 * eager) and a {@link StaticGraph} (defined once, run many times). Operation nodes are named
 * h1, h2, … in the order they are created, like the chapter's worked example; {@link #toString()}
 * prints every node with its value and gradient and {@link #toDot()} exports Graphviz DOT.
 *
 * <p>A graph computes in one floating-point {@link DataType}; variables, constants and fed values
 * must have it (use DOUBLE for gradient checks).
 */
public abstract class Graph {
    private final DataType dataType;
    final List<Node> nodes = new ArrayList<>();
    final List<Node> variables = new ArrayList<>();
    private int operations;

    Graph(DataType dataType) {
        if (!dataType.isFPType()) {
            throw new ConfigurationException("a graph computes in a floating-point type, not " + dataType);
        }
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    /** All nodes in creation order (a topological order). */
    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /**
     * A variable: a leaf that wants its gradient. The graph keeps {@code value} itself, not a copy,
     * so an optimizer may update it in place between passes.
     */
    public Node variable(String name, INDArray value) {
        Node n = leaf(Node.Kind.VARIABLE, name, value, true);
        variables.add(n);
        return n;
    }

    /** A constant leaf; it gets no gradient. */
    public Node constant(String name, INDArray value) {
        return leaf(Node.Kind.CONSTANT, name, value, false);
    }

    /** A scalar constant, named by its value. */
    public Node constant(double c) {
        return constant(format(c), Nd4j.scalar(dataType, c));
    }

    /**
     * Reverse mode for a scalar output: fills {@link Node#grad()} = ∂output/∂node for every node the
     * output depends on and every variable (zero for a variable the output does not depend on).
     */
    public void backward(Node output) {
        requireValue(output);
        if (output.value.length() != 1) {
            throw new ConfigurationException("reverse mode needs a scalar output or a seed: output " + output.name
                    + " has shape " + Arrays.toString(output.value.shape())
                    + "; call backward(output, seed) with a seed ∂L/∂output of that shape");
        }
        backward(output, Nd4j.ones(dataType, output.value.shape()));
    }

    /** Reverse mode from a non-scalar output with the seed ∂L/∂output (a cotangent u): gradients become uᵀ·J. */
    public void backward(Node output, INDArray seed) {
        requireValue(output);
        if (!Arrays.equals(seed.shape(), output.value.shape())) {
            throw Shapes.mismatch("backward seed for " + output.name, seed.shape(), output.value.shape(),
                    "differ (the seed must have the output's shape)");
        }
        ChainRule.backward(order(output), variables, output, seed);
    }

    /**
     * Reverse mode for a scalar output; returns the gradients of {@code wrt} (zeros for those the
     * output does not depend on). These are the nodes' gradient arrays, overwritten by the next pass.
     */
    public List<INDArray> gradients(Node output, Node... wrt) {
        for (Node w : wrt) {
            own(w);
        }
        backward(output);
        List<INDArray> g = new ArrayList<>();
        for (Node w : wrt) {
            g.add(w.grad != null ? w.grad : Nd4j.zeros(dataType, w.value.shape()));
        }
        return g;
    }

    /** One line per node: name, operation with inputs, shape, value, gradient and tangent when present. */
    @Override
    public String toString() {
        return GraphPrinter.text(nodes);
    }

    /** The graph in Graphviz DOT: leaves as boxes, operations as ellipses, labelled with values and gradients. */
    public String toDot() {
        return GraphPrinter.dot(nodes);
    }

    /** Adds an operation node; a Tape evaluates it at once, a StaticGraph only records it. */
    abstract Node apply(Primitive op, Node... inputs);

    /** The topological order reverse mode walks for {@code output}. */
    abstract List<Node> order(Node output);

    Node newOperation(Primitive op, Node... inputs) {
        boolean requiresGrad = false;
        for (Node in : inputs) {
            own(in);
            requiresGrad |= in.requiresGrad;
        }
        Node n = new Node(this, nodes.size(), Node.Kind.OPERATION, "h" + (++operations), op, inputs, requiresGrad);
        nodes.add(n);
        return n;
    }

    /** Takes back the last operation node after its evaluation failed, so that names stay h1, h2, … without gaps. */
    void discardLast() {
        nodes.remove(nodes.size() - 1);
        operations--;
    }

    Node leaf(Node.Kind kind, String name, INDArray value, boolean requiresGrad) {
        Node n = new Node(this, nodes.size(), kind, name, null, new Node[0], requiresGrad);
        if (value != null) {
            checkType(name, value);
            n.value = value;
        }
        nodes.add(n);
        return n;
    }

    void checkType(String name, INDArray value) {
        if (value.dataType() != dataType) {
            throw new DataException("'" + name + "' is " + value.dataType() + " but the graph computes in " + dataType);
        }
    }

    void own(Node n) {
        if (n.graph != this) {
            throw new ConfigurationException("node " + n.name + " belongs to another graph");
        }
    }

    private void requireValue(Node output) {
        own(output);
        if (output.value == null) {
            throw new ConfigurationException("node " + output.name + " has no value yet: run the graph first");
        }
    }

    /** A number with up to 6 significant digits and no trailing zeros: 0.25, 1, 2, 0.5. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
        double m = Math.abs(v);
        return m == 0 || (m >= 1e-4 && m < 1e7) ? d.toPlainString() : d.toString();
    }
}
