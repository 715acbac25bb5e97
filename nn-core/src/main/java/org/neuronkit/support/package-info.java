/**
 * The support matrix (docs/support.md): each path states, through {@link org.neuronkit.support.PathSupport}, which
 * registry entries it serves and why it refuses the others; {@link org.neuronkit.support.SupportMatrix} walks
 * every entry of every {@link org.neuronkit.support.Family} × every path found.
 */
package org.neuronkit.support;
