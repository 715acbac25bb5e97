/**
 * Automatic differentiation on INDArrays (docs/chapter.md §5): computational graphs of elementary operations,
 * each with its local derivative in both directions.
 *
 * <ul>
 *   <li>{@link org.neuronkit.autodiff.Node}: a variable, constant, placeholder or operation result;
 *       operations are its methods (add … matmul, exp … abs, docs/chapter.md §1 activations, sum/mean, reshape,
 *       softmax, logSoftmax, crossEntropy, squaredError).</li>
 *   <li>{@link org.neuronkit.autodiff.Tape}: the dynamic graph, executed eagerly and recorded as the
 *       program runs; {@link org.neuronkit.autodiff.StaticGraph}: defined once with placeholders,
 *       compiled, run many times.</li>
 *   <li>Reverse mode: {@link org.neuronkit.autodiff.Graph#backward}; forward mode: tangents seeded on
 *       variables, read from {@link org.neuronkit.autodiff.Node#tangent()};
 *       {@link org.neuronkit.autodiff.Jacobian} both ways.</li>
 *   <li>The calculus itself: the package-private table {@code Rules}, one line per primitive.</li>
 * </ul>
 * Examples written only with graph operations (an Elman RNN, a GCN layer) and the cost comparisons
 * are in {@code org.neuronkit.autodiff.examples}.
 */
package org.neuronkit.autodiff;
