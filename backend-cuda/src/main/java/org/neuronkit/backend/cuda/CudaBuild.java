package org.neuronkit.backend.cuda;

import java.util.List;
import java.util.Optional;

/**
 * What the native code of {@code org.nd4j:nd4j-cuda-11.6:1.0.0-M2.1} (classifier {@code linux-x86_64})
 * needs from the machine. The facts were read from that jar (see {@code backend-cuda/README.md}):
 * <ul>
 *   <li>{@code libnd4jcuda.so} holds machine code (cubins, no PTX) for exactly the compute
 *       capabilities in {@link #COMPILED_ARCHITECTURES}; with no PTX there is no just-in-time
 *       compilation for newer GPUs, so a GPU runs it only under NVIDIA's binary compatibility rule
 *       ({@link ComputeCapability#runsOn}).</li>
 *   <li>It links the CUDA runtime statically and needs {@link #RUNTIME_LIBRARIES} (cuBLAS, cuSOLVER)
 *       from CUDA 11; JavaCPP's CUDA bindings, which ND4J uses to count devices, also need
 *       {@code libcudart.so.11.0}. All of them are in {@code org.bytedeco:cuda:11.6-8.3-1.5.7:linux-x86_64-redist}.</li>
 *   <li>The driver library is {@code libcuda.so.1}; CUDA 11.x runs on Linux drivers from
 *       {@link #MINIMUM_DRIVER} on (CUDA minor version compatibility).</li>
 * </ul>
 */
public final class CudaBuild {

    /** The CUDA version ND4J's native code was built with. */
    public static final String CUDA_VERSION = "11.6";

    /** Compute capabilities whose machine code is in {@code libnd4jcuda.so}. */
    public static final List<ComputeCapability> COMPILED_ARCHITECTURES = List.of(
            new ComputeCapability(3, 7), new ComputeCapability(5, 0), new ComputeCapability(5, 2),
            new ComputeCapability(6, 0), new ComputeCapability(6, 1), new ComputeCapability(7, 0),
            new ComputeCapability(7, 5), new ComputeCapability(8, 0), new ComputeCapability(8, 6));

    /** The driver library every CUDA program loads. */
    public static final String DRIVER_LIBRARY = "libcuda.so.1";

    /** The oldest Linux kernel-module version that runs CUDA 11.x code. */
    public static final String MINIMUM_DRIVER = "450.80.02";

    /** The CUDA 11 runtime libraries ND4J's and JavaCPP's native code link against. */
    public static final List<String> RUNTIME_LIBRARIES = List.of(
            "libcudart.so.11.0", "libcublas.so.11", "libcublasLt.so.11", "libcusolver.so.11");

    private CudaBuild() {
    }

    /** The compiled architecture whose code a GPU of capability {@code device} runs, if any. */
    public static Optional<ComputeCapability> kernelsFor(ComputeCapability device) {
        ComputeCapability best = null;
        for (ComputeCapability compiled : COMPILED_ARCHITECTURES) {
            if (compiled.runsOn(device)) {
                best = compiled;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Compares dotted driver versions numerically, e.g. {@code "470.82.01"} with {@code "450.80.02"}.
     *
     * @return negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}
     */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    /** Formats a CUDA API version number as CUDA prints it: 11060 is "11.6". */
    static String formatCudaVersion(int version) {
        return (version / 1000) + "." + (version % 1000) / 10;
    }
}
