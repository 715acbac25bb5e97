package org.neuronkit.cuda13.engine;

/**
 * What the preflight learnt about GPU 0 and the CUDA stack: the device's name, compute capability and
 * memory, the CUDA version the driver supports and the runtime's and cuBLAS's versions (CUDA encodes
 * 13.0 as 13000), the driver's kernel-module version, and where each library was loaded from.
 */
public record GpuInfo(String name, int major, int minor, long memoryBytes, int multiprocessors, int gpus,
        int driverCudaVersion, int runtimeVersion, int cublasVersion, String driverVersion, String libraries) {

    /** e.g. {@code 9.0}. */
    public String computeCapability() {
        return major + "." + minor;
    }

    /** e.g. {@code 13.0} from 13000. */
    public static String cudaVersion(int encoded) {
        return encoded / 1000 + "." + encoded % 1000 / 10;
    }

    /** One line per fact, for gpu-check and the CLI. */
    public String report() {
        return String.format("gpu               %s (GPU 0 of %d)%n"
                        + "compute capability %s, %d multiprocessors, %,d MiB%n"
                        + "driver            %s, supports CUDA %s%n"
                        + "CUDA runtime      %s, cuBLAS %d%n"
                        + "libraries         %s",
                name, gpus, computeCapability(), multiprocessors, memoryBytes >> 20, driverVersion,
                cudaVersion(driverCudaVersion), cudaVersion(runtimeVersion), cublasVersion, libraries);
    }
}
