package org.neuronkit.autodiff.examples;

import java.util.List;

import org.neuronkit.activation.Activations;
import org.neuronkit.autodiff.Node;

/**
 * An Elman recurrent network (docs/chapter.md §2, memory networks) written only with graph operations, to show
 * that the autodiff engine needs nothing recurrent-specific: a Java loop unrolls the cell over the
 * sequence on a {@link org.neuronkit.autodiff.Tape}, and reverse mode through the unrolled graph is
 * backpropagation through time — W_x, W_h and b feed every step, so their gradients add up over all
 * time steps.
 *
 * <p>Cell, column form: h_t = tanh(W_x x_t + W_h h_{t−1} + b), h_0 = 0; output ŷ = softmax(W_y h_T + c).
 * In rows (a batch of N sequences): H_t = tanh(X_t W_xᵀ + H_{t−1} W_hᵀ + b).
 *
 * <h2>Shapes</h2>
 * X_t N×D, W_x H×D, W_h H×H, b 1×H, H_t N×H, W_y C×H, c 1×C, targets N×C (one-hot).
 */
public final class ElmanRnn {
    private ElmanRnn() {}

    /** One step H_t = tanh(X_t W_xᵀ + H_{t−1} W_hᵀ + b), given the transposed weights W_xᵀ and W_hᵀ. */
    public static Node step(Node x, Node previous, Node wxT, Node whT, Node b) {
        return x.matmul(wxT).add(previous.matmul(whT)).add(b).apply(Activations.tanh());
    }

    /**
     * H_T after unrolling the cell over {@code sequence} from H_0 = 0 (so the first step has no
     * recurrent term); the graph has one step per element, in a Tape or a StaticGraph.
     */
    public static Node unroll(List<Node> sequence, Node wx, Node wh, Node b) {
        Node wxT = wx.transpose();
        Node whT = wh.transpose();
        Node h = sequence.get(0).matmul(wxT).add(b).apply(Activations.tanh());
        for (Node x : sequence.subList(1, sequence.size())) {
            h = step(x, h, wxT, whT, b);
        }
        return h;
    }

    /** Sequence classification: cross-entropy of softmax(H_T W_yᵀ + c) against one-hot targets. */
    public static Node loss(List<Node> sequence, Node targets, Node wx, Node wh, Node b, Node wy, Node c) {
        return unroll(sequence, wx, wh, b).matmul(wy.transpose()).add(c).softmax().crossEntropy(targets);
    }
}
