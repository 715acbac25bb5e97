package org.neuronkit.backend.cuda;

import java.util.List;
import java.util.Optional;

/**
 * The facts about this machine that decide whether ND4J's CUDA backend can start. {@link CudaPreflight}
 * asks for them in order and stops before any step that could crash the process: only when every
 * library has been found does it call {@link #queryDevices()}, which loads native code.
 * {@link SystemCudaProbe} asks the real machine; tests pass their own answers.
 */
public interface CudaProbe {

    /** JavaCPP's platform name, e.g. {@code linux-x86_64}. */
    String platform();

    /** Whether ND4J's CUDA native code for {@link #platform()} is on the classpath. */
    boolean hasNd4jNatives();

    /** The NVIDIA kernel module's version from {@code /proc/driver/nvidia/version}, if it is loaded. */
    Optional<String> kernelModuleVersion();

    /**
     * Where the dynamic loader finds a shared library by its soname, or where the classpath provides
     * it (JavaCPP's redistributable jar); empty when neither has it.
     */
    Optional<String> locate(String soname);

    /**
     * Tries to load the driver library found at {@code path}; the error message if that fails.
     * Loading the driver runs no GPU code.
     */
    Optional<String> loadError(String path);

    /** The places {@link #locate} searched, for error messages. */
    List<String> searchedPlaces();

    /** Asks the CUDA runtime for the driver's and runtime's versions and the GPUs. Loads native code. */
    DeviceQuery queryDevices();

    /** One GPU as the CUDA runtime reports it. */
    record Gpu(int index, String name, ComputeCapability capability, long totalMemoryBytes) {
    }

    /**
     * The CUDA runtime's answer: versions as CUDA numbers them (11060 is 11.6) and the GPUs, or the
     * error it returned.
     */
    record DeviceQuery(int driverVersion, int runtimeVersion, List<Gpu> gpus, Optional<String> error) {

        public static DeviceQuery of(int driverVersion, int runtimeVersion, List<Gpu> gpus) {
            return new DeviceQuery(driverVersion, runtimeVersion, List.copyOf(gpus), Optional.empty());
        }

        public static DeviceQuery failed(String error) {
            return new DeviceQuery(0, 0, List.of(), Optional.of(error));
        }
    }
}
