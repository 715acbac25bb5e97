package org.neuronkit.support;

import org.neuronkit.registry.Registry;

/**
 * A path's face for the registered components (docs/design.md, "Faces"): which registry entries it serves and
 * why it refuses the others. Each path (CPU, GPU kernel, ONNX export, ONNX import, Spark) implements it in
 * its own module and registers it for {@link java.util.ServiceLoader} in
 * {@code src/main/resources/META-INF/services/org.neuronkit.support.PathSupport}; nn-core knows none of them.
 * {@link SupportMatrix} asks every path found about every entry of every {@link Family}, and writes
 * docs/support.md.
 *
 * <p>An implementation must answer from the same code that serves or refuses the component on its path (so
 * that the matrix cannot drift from the path), must answer every entry of every family (a refusal with its
 * reason where it does not know the entry), and must not need a GPU, Spark or any native library to answer.
 */
public interface PathSupport {

    /** The column heading, e.g. {@code CPU}, {@code GPU kernel}, {@code ONNX export}; columns are sorted by it. */
    String path();

    /** Whether this path serves {@code entry} of {@code family}'s registry, or the reason it refuses it. */
    Support support(Family family, Registry.Entry<?> entry);
}
