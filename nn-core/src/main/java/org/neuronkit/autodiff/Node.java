package org.neuronkit.autodiff;

import java.util.Arrays;
import java.util.List;

import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A value in a computational graph (docs/chapter.md §5): a variable (a tensor that wants its gradient), a
 * constant, a placeholder (a static graph's input, fed at each run) or the result of an elementary
 * operation. Operations are methods that add a new node to the same {@link Graph}; in a {@link Tape}
 * they run at once, in a {@link StaticGraph} they run at {@link StaticGraph#run}.
 *
 * <p>After a forward pass a node holds its {@link #value()}; with forward mode also its
 * {@link #tangent()} (the directional derivative along the seeded tangents); after
 * {@link Graph#backward} its {@link #grad()} = ∂output/∂node, of the node's shape.
 *
 * <p>Shapes: element-wise ops broadcast scalars, rows 1×M and columns N×1 against N×M; mismatched
 * shapes raise a {@link org.neuronkit.DataException} naming both shapes and the operation.
 */
public final class Node {

    /** What a node is. */
    public enum Kind { VARIABLE, CONSTANT, PLACEHOLDER, OPERATION }

    final Graph graph;
    final int id;
    final Kind kind;
    final Primitive op;
    final Node[] inputs;
    final boolean requiresGrad;
    String name;
    INDArray value;
    INDArray grad;
    INDArray tangent;

    Node(Graph graph, int id, Kind kind, String name, Primitive op, Node[] inputs, boolean requiresGrad) {
        this.graph = graph;
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.op = op;
        this.inputs = inputs;
        this.requiresGrad = requiresGrad;
    }

    public Node add(Node o) { return graph.apply(Rules.ADD, this, o); }
    public Node add(double c) { return add(graph.constant(c)); }
    public Node sub(Node o) { return graph.apply(Rules.SUB, this, o); }
    public Node sub(double c) { return sub(graph.constant(c)); }
    public Node mul(Node o) { return graph.apply(Rules.MUL, this, o); }
    public Node mul(double c) { return mul(graph.constant(c)); }
    public Node div(Node o) { return graph.apply(Rules.DIV, this, o); }
    public Node div(double c) { return div(graph.constant(c)); }
    /** Element-wise maximum (its gradient goes to the larger input; on ties to {@code o}). */
    public Node max(Node o) { return graph.apply(Rules.MAX, this, o); }
    public Node neg() { return graph.apply(Rules.NEG, this); }
    public Node exp() { return graph.apply(Rules.EXP, this); }
    public Node log() { return graph.apply(Rules.LOG, this); }
    public Node sin() { return graph.apply(Rules.SIN, this); }
    public Node cos() { return graph.apply(Rules.COS, this); }
    public Node sqrt() { return graph.apply(Rules.SQRT, this); }
    public Node abs() { return graph.apply(Rules.ABS, this); }
    public Node pow(double p) { return graph.apply(Rules.pow(p), this); }
    /** Matrix product: this N×K times {@code o} K×M. */
    public Node matmul(Node o) { return graph.apply(Rules.MATMUL, this, o); }
    public Node transpose() { return graph.apply(Rules.TRANSPOSE, this); }
    /** Sum of all elements (a rank-0 scalar). */
    public Node sum() { return graph.apply(Rules.sum(), this); }
    /** Sum along {@code axis}, which is kept with size 1 (so N×M gives 1×M for axis 0, N×1 for axis 1). */
    public Node sum(int axis) { return graph.apply(Rules.sum(axis), this); }
    public Node mean() { return graph.apply(Rules.mean(), this); }
    public Node mean(int axis) { return graph.apply(Rules.mean(axis), this); }
    public Node reshape(long... shape) { return graph.apply(Rules.reshape(shape), this); }
    /**
     * A docs/chapter.md §1 activation applied element-wise (softmax: row-wise), with the activation's own
     * derivative. A learnable activation's parameters (swish β) are held fixed here: they get no gradient.
     */
    public Node apply(Activation f) { return graph.apply(Rules.activation(f), this); }
    /** Row-wise softmax of an N×C matrix (the docs/chapter.md §1 softmax activation). */
    public Node softmax() { return apply(Activations.softmax()); }
    /** Row-wise log-softmax of an N×C matrix: z − log Σ_c exp(z_c). */
    public Node logSoftmax() { return graph.apply(Rules.LOG_SOFTMAX, this); }
    /**
     * Cross-entropy −(1/N) Σₙ yₙᵀ log pₙ of these row-wise probabilities against one-hot {@code targets}
     * (docs/chapter.md §3). A probability that underflows to 0 gives an infinite loss; from logits z,
     * {@code z.logSoftmax().mul(targets).sum().div(-N)} is the stable form.
     */
    public Node crossEntropy(Node targets) { return graph.apply(Rules.CROSS_ENTROPY, this, targets); }
    /** Squared error (1/2N) Σₙ ‖ŷₙ − yₙ‖² of these predictions against {@code targets}. */
    public Node squaredError(Node targets) { return graph.apply(Rules.SQUARED_ERROR, this, targets); }

    /** Renames this node (as printed); returns it. */
    public Node named(String newName) {
        this.name = newName;
        return this;
    }

    public String name() { return name; }
    public Kind kind() { return kind; }
    public Graph graph() { return graph; }
    public List<Node> inputs() { return List.of(inputs); }
    /** The operation's name, or the kind in lower case for a leaf. */
    public String operation() { return op == null ? kind.name().toLowerCase() : op.name(); }
    /** The value of the last forward pass (null before a static graph has run). */
    public INDArray value() { return value; }
    /** ∂output/∂this after the last backward pass (null before one). */
    public INDArray grad() { return grad; }
    /** The forward-mode tangent of the last forward pass (null when no tangent reached this node). */
    public INDArray tangent() { return tangent; }
    public long[] shape() { return value == null ? null : value.shape(); }

    /** Evaluates this operation node from its inputs' values, writing into its previous value array when the shape is unchanged. */
    void compute(boolean reuseBuffer) {
        INDArray[] x = values(inputs);
        long[][] shapes = new long[x.length][];
        for (int i = 0; i < x.length; i++) {
            shapes[i] = x[i].shape();
        }
        long[] s = op.shape().of(op.name(), shapes);
        if (!reuseBuffer || value == null || !Arrays.equals(value.shape(), s)) {
            value = Nd4j.createUninitialized(graph.dataType(), s);
        }
        op.value().compute(x, value);
        tangent = ChainRule.tangent(this, x);
    }

    void zeroGrad() {
        if (grad == null || !Arrays.equals(grad.shape(), value.shape())) {
            grad = Nd4j.zeros(graph.dataType(), value.shape());
        } else {
            grad.assign(0);
        }
    }

    static INDArray[] values(Node[] nodes) {
        INDArray[] x = new INDArray[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            x[i] = nodes[i].value;
        }
        return x;
    }

    @Override
    public String toString() {
        return name + " = " + operation();
    }
}
