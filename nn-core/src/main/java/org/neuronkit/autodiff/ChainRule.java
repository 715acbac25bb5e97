package org.neuronkit.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The chain rule over a computational graph (docs/chapter.md §5), in both directions.
 * <ul>
 *   <li>Forward mode: a node's tangent is Σᵢ (∂y/∂xᵢ) tᵢ over its inputs that carry a tangent, computed
 *       right after its value, so one forward pass yields the directional derivative J·v.</li>
 *   <li>Reverse mode: after a topological sort, gradients flow from the output back to the inputs;
 *       every contribution is added ({@code grad +=}), so where a value feeds several operations the
 *       contributions of all paths sum up. One backward pass yields uᵀ·J for every input.</li>
 * </ul>
 */
final class ChainRule {
    private ChainRule() {}

    /** The tangent of an operation node from its inputs' tangents, or null when no input has one. */
    static INDArray tangent(Node n, INDArray[] x) {
        INDArray sum = null;
        for (int i = 0; i < x.length; i++) {
            INDArray t = n.inputs[i].tangent;
            if (t != null) {
                INDArray part = Shapes.expandTo(n.op.jvp().apply(i, x, n.value, t), n.value.shape());
                sum = sum == null ? part : sum.add(part);
            }
        }
        return sum;
    }

    /**
     * Reverse mode: zeroes the gradients of {@code variables} and of the nodes in {@code order}, seeds
     * {@code output}'s gradient and propagates it back through {@code order} (a topological order
     * ending at the output), accumulating into every node that requires a gradient.
     */
    static void backward(List<Node> order, List<Node> variables, Node output, INDArray seed) {
        for (Node v : variables) {
            v.zeroGrad();
        }
        for (Node n : order) {
            if (n.requiresGrad || n == output) {
                n.zeroGrad();
            }
        }
        output.grad.assign(seed);
        for (int k = order.size() - 1; k >= 0; k--) {
            Node n = order.get(k);
            if (n.op == null || !n.requiresGrad) {
                continue;
            }
            INDArray[] x = Node.values(n.inputs);
            for (int i = 0; i < x.length; i++) {
                Node in = n.inputs[i];
                if (in.requiresGrad) {
                    in.grad.addi(Shapes.sumTo(n.op.vjp().apply(i, x, n.value, n.grad), in.shape()));
                }
            }
        }
    }

    /** The nodes the outputs depend on, outputs included, in a topological order (creation order). */
    static List<Node> topologicalOrder(Node... outputs) {
        Set<Node> seen = new HashSet<>();
        Deque<Node> stack = new ArrayDeque<>(List.of(outputs));
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (seen.add(n)) {
                for (Node in : n.inputs) {
                    stack.push(in);
                }
            }
        }
        List<Node> order = new ArrayList<>(seen);
        order.sort(Comparator.comparingInt(n -> n.id));
        return order;
    }
}
