package org.neuronkit.backend.cuda;

import java.util.Map;

/**
 * The part of the CUDA backend that needs ND4J running on the GPU, behind an interface so that the
 * backend's logic can be tested on a machine without one. {@link Nd4jCudaRuntime} is the real one.
 */
interface CudaRuntime {

    /**
     * Initialises ND4J's CUDA backend with {@code settings}.
     *
     * @return the class name of the ND4J backend that loaded
     * @throws org.neuronkit.ConfigurationException if ND4J fails or loads another backend
     */
    String start(CudaMemorySettings settings, int deviceCount);

    /** Blocks until the work queued on the GPU has finished. */
    void synchronize();

    /** Free memory on a GPU as ND4J sees it, in bytes. */
    long freeMemory(int device);

    /** ND4J's own facts worth reporting (BLAS vendor, data type, off-heap limit and use, heap), in a stable order. */
    Map<String, String> describe();
}
