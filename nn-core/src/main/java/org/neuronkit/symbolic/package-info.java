/**
 * Symbolic differentiation (docs/chapter.md §5): {@link org.neuronkit.symbolic.Expr} parses scalar expressions
 * such as {@code 1/(exp(-(w*x+b))+1)}, differentiates them by rules, simplifies, prints and evaluates.
 */
package org.neuronkit.symbolic;
