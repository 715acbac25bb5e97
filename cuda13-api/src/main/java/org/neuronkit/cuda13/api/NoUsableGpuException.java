package org.neuronkit.cuda13.api;

/**
 * The engine cannot start on this machine: no NVIDIA driver, no CUDA 13 runtime or cuBLAS, no GPU of a supported
 * compute capability. The message names what is missing. Shared by both class loaders (this package), so the
 * bridge tells it from a failed CUDA call by its type.
 */
public class NoUsableGpuException extends IllegalStateException {

    public NoUsableGpuException(String message) {
        super(message);
    }

    public NoUsableGpuException(String message, Throwable cause) {
        super(message, cause);
    }
}
