package org.neuronkit.autodiff;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One elementary operation y = op(x₀, x₁, …) of the computational graph (docs/chapter.md §5) with its local
 * derivative in both directions, like a PyTorch custom function that pairs {@code forward} with
 * {@code backward} and {@code jvp}. All primitives are defined in the table {@link Rules}.
 *
 * @param name  the op's name as printed in the graph
 * @param shape the output shape from the input shapes; throws a DataException naming the op and the shapes
 * @param value the forward rule: writes y into a preallocated array of the output shape
 * @param vjp   reverse mode: the contribution of y's gradient g = ∂L/∂y to ∂L/∂xᵢ, i.e. (∂y/∂xᵢ)ᵀ g.
 *              It may have y's (broadcast) shape; {@link ChainRule} sums it down to xᵢ's shape.
 * @param jvp   forward mode: the part (∂y/∂xᵢ) tᵢ of y's tangent due to xᵢ's tangent tᵢ; the parts
 *              of all inputs are added, and a result with a smaller shape is broadcast to y's shape
 */
record Primitive(String name, Shape shape, Value value, Vjp vjp, Jvp jvp) {

    /** Output shape from input shapes. */
    interface Shape {
        long[] of(String op, long[][] in);
    }

    /** y = op(x), written into {@code y}. */
    interface Value {
        void compute(INDArray[] x, INDArray y);
    }

    /** (∂y/∂xᵢ)ᵀ g. */
    interface Vjp {
        INDArray apply(int i, INDArray[] x, INDArray y, INDArray g);
    }

    /** (∂y/∂xᵢ) t. */
    interface Jvp {
        INDArray apply(int i, INDArray[] x, INDArray y, INDArray t);
    }
}
