package org.neuronkit.autodiff;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A static computational graph (docs/chapter.md §5, "built once before running"): define it once with
 * placeholders, {@link #compile} it, then {@link #run} it many times with new inputs.
 *
 * <p>What the static form buys over a {@link Tape}: the graph is known before it runs, so
 * <ul>
 *   <li>the evaluation order is planned once at {@link #compile} (a topological sort, pruned to the
 *       nodes the outputs need), and the reverse-mode order of each output once at its first
 *       backward pass, instead of recording a fresh tape of node objects every step;</li>
 *   <li>buffers are reused between runs: each operation writes its value into the array of the
 *       previous run and each gradient accumulates into the previous gradient array, as long as the
 *       shapes are unchanged, so a steady-state step allocates no value or gradient arrays (only the
 *       rules' temporaries);</li>
 *   <li>shape errors show at the first run for the whole graph, and the graph can be printed or
 *       exported before it ever runs.</li>
 * </ul>
 * The price: values from one run are overwritten by the next (copy what you keep), and Java control
 * flow cannot depend on values. The gain is measured by {@code org.neuronkit.autodiff.examples.GradientCost}.
 */
public final class StaticGraph extends Graph {
    private List<Node> plan;
    private final Map<Node, List<Node>> backwardPlans = new HashMap<>();

    public StaticGraph() {
        this(Nd4j.defaultFloatingPointType());
    }

    public StaticGraph(DataType dataType) {
        super(dataType);
    }

    /** An input fed at every {@link #run}; its shape may change between runs. */
    public Node placeholder(String name) {
        requireOpen();
        return leaf(Node.Kind.PLACEHOLDER, name, null, false);
    }

    @Override
    public Node variable(String name, INDArray value) {
        requireOpen();
        return super.variable(name, value);
    }

    @Override
    public Node constant(String name, INDArray value) {
        requireOpen();
        return super.constant(name, value);
    }

    /** Fixes the graph and plans the evaluation order of everything {@code outputs} depend on. */
    public StaticGraph compile(Node... outputs) {
        requireOpen();
        if (outputs.length == 0) {
            throw new ConfigurationException("compile needs at least one output node");
        }
        for (Node o : outputs) {
            own(o);
        }
        plan = ChainRule.topologicalOrder(outputs);
        return this;
    }

    /** Runs the planned nodes with the placeholders' values. */
    public void run(Map<Node, INDArray> feeds) {
        run(feeds, Map.of());
    }

    /**
     * Runs the planned nodes and, in the same pass, forward mode: {@code tangents} seeds the tangent
     * of placeholders or variables, and every output's {@link Node#tangent()} becomes J·v.
     */
    public void run(Map<Node, INDArray> feeds, Map<Node, INDArray> tangents) {
        if (plan == null) {
            throw new ConfigurationException("compile(outputs) the static graph before running it");
        }
        for (Node n : plan) {
            if (n.kind == Node.Kind.PLACEHOLDER) {
                INDArray v = feeds.get(n);
                if (v == null) {
                    throw new DataException("placeholder '" + n.name + "' was not fed");
                }
                checkType(n.name, v);
                n.value = v;
            }
            if (n.op == null) {
                n.tangent = tangents.get(n);
                if (n.tangent != null && !Arrays.equals(n.tangent.shape(), n.value.shape())) {
                    throw Shapes.mismatch("tangent of " + n.name, n.value.shape(), n.tangent.shape(), "differ");
                }
            } else {
                n.compute(true);
            }
        }
    }

    @Override
    Node apply(Primitive op, Node... inputs) {
        requireOpen();
        return newOperation(op, inputs);
    }

    @Override
    List<Node> order(Node output) {
        List<Node> order = backwardPlans.get(output);
        if (order == null) {
            if (plan == null || !plan.contains(output)) {
                throw new ConfigurationException("node " + output.name + " is not among the compiled outputs' nodes");
            }
            order = ChainRule.topologicalOrder(output);
            backwardPlans.put(output, order);
        }
        return order;
    }

    private void requireOpen() {
        if (plan != null) {
            throw new ConfigurationException("the static graph is compiled; define all nodes before compile()");
        }
    }
}
