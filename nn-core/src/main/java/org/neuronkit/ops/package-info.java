/**
 * Running ND4J's native ops without building them anew on every call: {@link org.neuronkit.ops.OpSequence}
 * keeps the ops one pass runs, in order, with their native contexts, and re-points them at new arrays,
 * so a steady-state training step or inference call allocates no native memory (docs/design.md,
 * "The op mechanism").
 */
package org.neuronkit.ops;
