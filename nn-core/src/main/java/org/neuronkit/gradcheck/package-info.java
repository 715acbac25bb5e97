/**
 * Numerical differentiation (docs/chapter.md §5): forward and central differences
 * ({@link org.neuronkit.gradcheck.FiniteDifferences}), the {@link org.neuronkit.gradcheck.GradientChecker}
 * that compares analytic gradients with central differences, and the step-size trade-off
 * ({@link org.neuronkit.gradcheck.StepSizeStudy}).
 */
package org.neuronkit.gradcheck;
