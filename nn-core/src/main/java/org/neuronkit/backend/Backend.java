package org.neuronkit.backend;

import java.util.Map;

/**
 * A compute backend: the ND4J implementation on the classpath, described and configured.
 *
 * <p>Backend modules ({@code backend-cpu}, {@code backend-cuda}) register one implementation each
 * through {@link java.util.ServiceLoader} ({@code META-INF/services/org.neuronkit.backend.Backend});
 * {@link Backends#current()} finds it. {@code nn-core} never names a backend.
 */
public interface Backend {

    /** Short name, e.g. {@code "cpu"} or {@code "cuda"}. */
    String name();

    /**
     * Whether this backend's ND4J implementation is the one ND4J loaded. Several backends may be on
     * the classpath; the lookup picks the one that is active.
     */
    boolean isActive();

    /** The device computations run on, e.g. the processor model or the GPU name. */
    String device();

    /**
     * Everything worth reporting about the backend, in a stable order: name, device, BLAS vendor,
     * SIMD level, threads, memory and whatever else the backend knows. Keys are snake_case.
     */
    Map<String, String> report();

    /**
     * Waits until all queued work on the device has finished, so that a clock read afterwards
     * measures the work. A no-op where ND4J executes synchronously.
     */
    void synchronize();
}
