package org.neuronkit.autodiff.examples;

import java.util.Arrays;

import org.neuronkit.DataException;
import org.neuronkit.activation.Activation;
import org.neuronkit.autodiff.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A graph-convolution layer (docs/chapter.md §2, graph networks; Kipf and Welling's GCN) written only with
 * graph operations: H′ = f(Â H W), where Â = D̃^{−1/2} (A + I) D̃^{−1/2} is the adjacency matrix with
 * self-loops, normalised by the degrees D̃ of A + I. Each node's new features mix its own and its
 * neighbours' features; reverse mode gives ∂L/∂W (and ∂L/∂H) with no GCN-specific code.
 *
 * <h2>Shapes</h2>
 * Â V×V (V graph nodes), H V×F, W F×F′, H′ V×F′.
 */
public final class GraphConvolution {
    private GraphConvolution() {}

    /** H′ = f(Â H W). */
    public static Node layer(Node normalizedAdjacency, Node h, Node w, Activation f) {
        return normalizedAdjacency.matmul(h).matmul(w).apply(f);
    }

    /** Â = D̃^{−1/2} (A + I) D̃^{−1/2} for a symmetric 0/1 (or weighted, non-negative) adjacency matrix A. */
    public static INDArray normalizedAdjacency(INDArray adjacency) {
        if (adjacency.rank() != 2 || adjacency.rows() != adjacency.columns()) {
            throw new DataException("an adjacency matrix must be square, got shape " + Arrays.toString(adjacency.shape()));
        }
        INDArray withSelfLoops = adjacency.add(Nd4j.eye(adjacency.rows()).castTo(adjacency.dataType()));
        INDArray scale = Transforms.pow(withSelfLoops.sum(true, 1), -0.5, false);
        return withSelfLoops.mulColumnVector(scale).muliRowVector(scale.reshape(1, adjacency.rows()));
    }
}
