package org.neuronkit.cuda13.api;

import java.util.Map;
import java.util.Set;

/**
 * The CUDA 13 engine as backend-cuda13 sees it. cuda13-engine implements it (found with
 * {@link java.util.ServiceLoader} in the engine's own class loader, which takes this package from its parent),
 * so the two sides share this interface and its records while the engine's JavaCPP 1.5.13 stays apart from
 * ND4J's 1.5.7. Only plain Java types cross: arrays, strings, maps of numbers, records of those.
 *
 * <p>Failures: {@link IllegalStateException} (a CUDA call failed; its subclass
 * {@link NoUsableGpuException} when the machine has no usable GPU; the message names what), {@link IllegalArgumentException} (a component or setting the engine does not serve).
 */
public interface CudaEngine {

    /** Null when a GPU can be used, else the message naming what is missing. Opens and closes the device. */
    String preflight();

    /** The preflight's findings about the GPU, one fact per line; IllegalStateException when there is none. */
    String describeDevice();

    /**
     * The component names the engine's kernels serve, per family, spelled as nn-core's registries name them
     * (e.g. {@code OPTIMIZER → {sgd, momentum, adam, …}}). Anything else is refused before any work.
     */
    Map<Family, Set<String>> served();

    /**
     * Null when the engine's kernels serve the component of registry name {@code name} (e.g. {@code leakyrelu} as an
     * {@link Family#ACTIVATION}), else why not, naming it: checked before any work, without a GPU.
     */
    String refusal(Family family, String name);

    /**
     * Opens the GPU and puts {@code network} there with the optimizer's state; {@code maxRows} bounds a
     * minibatch. The session owns the device memory until it is closed.
     */
    TrainingSession open(NetworkPlan network, UpdateRule update, int maxRows);
}
