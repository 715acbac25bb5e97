package org.neuronkit.backend.cuda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.neuronkit.ConfigurationException;
import org.neuronkit.backend.cuda.CudaProbe.DeviceQuery;
import org.neuronkit.backend.cuda.CudaProbe.Gpu;

/**
 * Decides, before ND4J's CUDA backend initialises, whether it can run here, and otherwise fails with
 * a message that says what is missing. ND4J on its own answers a missing driver with a misleading
 * "no backend on the classpath", falls back to the CPU silently when both backends are present, and
 * dies in native code on a GPU it has no kernels for.
 *
 * <p>Three stages, each only when the one before passed: (1) files: ND4J's natives on the classpath,
 * the driver library and the CUDA 11 runtime libraries where the loader finds them, the kernel
 * module's version; (2) the CUDA runtime's device list; (3) every GPU's compute capability against
 * the architectures compiled into ND4J ({@link CudaBuild}).
 */
public final class CudaPreflight {

    private static final String CPU_HINT = "To run on the CPU instead, build without -Pcuda.";

    private CudaPreflight() {
    }

    /**
     * What the preflight found on a machine that can run the CUDA backend.
     *
     * @param libraries where each needed library was found, by soname
     */
    public record Result(String platform, Optional<String> kernelModuleVersion, Map<String, String> libraries,
            DeviceQuery devices) {
    }

    /**
     * Runs the checks.
     *
     * @throws ConfigurationException listing every missing piece, when the CUDA backend cannot run
     */
    public static Result check(CudaProbe probe) {
        Map<String, String> libraries = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (!probe.hasNd4jNatives()) {
            problems.add("ND4J's CUDA native code for " + probe.platform() + " is not on the classpath"
                    + " (org.nd4j:nd4j-cuda-11.6, classifier " + probe.platform() + "): build with"
                    + " mvn -Pcuda,cuda-natives package");
        }
        checkDriver(probe, libraries, problems);
        checkRuntime(probe, libraries, problems);
        if (problems.stream().anyMatch(p -> p.contains(" not found"))) {
            problems.add("libraries were looked for in " + String.join(", ", probe.searchedPlaces())
                    + " and, for the runtime, on the classpath");
        }
        fail(problems);

        DeviceQuery query = probe.queryDevices();
        if (query.error().isPresent()) {
            fail(List.of("the CUDA runtime cannot use the GPU: " + query.error().get()
                    + " (driver " + driverDescription(probe.kernelModuleVersion()) + ", " + CudaBuild.DRIVER_LIBRARY
                    + " at " + libraries.get(CudaBuild.DRIVER_LIBRARY) + ")"));
        }
        if (query.gpus().isEmpty()) {
            fail(List.of("the CUDA runtime sees no GPU (is CUDA_VISIBLE_DEVICES empty?)"));
        }
        List<String> unsupported = new ArrayList<>();
        for (Gpu gpu : query.gpus()) {
            if (CudaBuild.kernelsFor(gpu.capability()).isEmpty()) {
                unsupported.add("GPU " + gpu.index() + " (" + gpu.name() + ") has compute capability "
                        + gpu.capability() + ", for which ND4J 1.0.0-M2.1's CUDA " + CudaBuild.CUDA_VERSION
                        + " build has no kernels: it has machine code for " + compiledList()
                        + " only, which runs on GPUs of the same major version and an equal or higher minor"
                        + " version; hide this GPU with CUDA_VISIBLE_DEVICES");
            }
        }
        fail(unsupported);
        return new Result(probe.platform(), probe.kernelModuleVersion(), Map.copyOf(libraries), query);
    }

    private static void checkDriver(CudaProbe probe, Map<String, String> libraries, List<String> problems) {
        Optional<String> module = probe.kernelModuleVersion();
        Optional<String> driver = probe.locate(CudaBuild.DRIVER_LIBRARY);
        if (driver.isEmpty()) {
            problems.add("NVIDIA driver: " + CudaBuild.DRIVER_LIBRARY + " not found"
                    + module.map(v -> "; kernel module " + v + " is loaded, so add the directory holding "
                            + CudaBuild.DRIVER_LIBRARY + " to LD_LIBRARY_PATH")
                            .orElse("; no NVIDIA kernel module is loaded (/proc/driver/nvidia/version is missing):"
                                    + " install the NVIDIA driver, version " + CudaBuild.MINIMUM_DRIVER
                                    + " or newer, on a machine with an NVIDIA GPU"));
        } else {
            libraries.put(CudaBuild.DRIVER_LIBRARY, driver.get());
            probe.loadError(driver.get()).ifPresent(error -> problems.add("NVIDIA driver: "
                    + CudaBuild.DRIVER_LIBRARY + " at " + driver.get() + " cannot be loaded: " + error));
        }
        module.filter(v -> isOlder(v, CudaBuild.MINIMUM_DRIVER)).ifPresent(v -> problems.add("NVIDIA driver "
                + v + " is older than " + CudaBuild.MINIMUM_DRIVER + ", the oldest that runs CUDA "
                + CudaBuild.CUDA_VERSION + " code: update the driver"));
    }

    private static void checkRuntime(CudaProbe probe, Map<String, String> libraries, List<String> problems) {
        List<String> missing = new ArrayList<>();
        for (String soname : CudaBuild.RUNTIME_LIBRARIES) {
            probe.locate(soname).ifPresentOrElse(place -> libraries.put(soname, place), () -> missing.add(soname));
        }
        if (!missing.isEmpty()) {
            problems.add("CUDA " + CudaBuild.CUDA_VERSION + " runtime: " + String.join(", ", missing)
                    + " not found: install CUDA 11.6's runtime, cuBLAS and cuSOLVER libraries, or build with"
                    + " mvn -Pcuda,cuda-natives,cuda-redist package to take them from JavaCPP's redistributable jar");
        }
    }

    private static boolean isOlder(String version, String minimum) {
        try {
            return CudaBuild.compareVersions(version, minimum) < 0;
        } catch (NumberFormatException e) {
            return false; // an unusual version string is no reason to refuse
        }
    }

    private static String driverDescription(Optional<String> module) {
        return module.orElse("of unknown version");
    }

    private static String compiledList() {
        return CudaBuild.COMPILED_ARCHITECTURES.stream().map(ComputeCapability::toString)
                .collect(Collectors.joining(", "));
    }

    private static void fail(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigurationException("The CUDA backend cannot start on this machine:\n  - "
                    + String.join("\n  - ", problems) + "\n" + CPU_HINT);
        }
    }
}
