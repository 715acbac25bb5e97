/**
 * Running ND4J's native ops on a training step's fixed arrays without rebuilding them each step
 * (DESIGN.md's "a steady-state training step allocates no new arrays").
 */
package org.neuronkit.ops;
