package org.neuronkit.cuda13.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says, before anything native is loaded, what this machine lacks for the engine, and then what the
 * CUDA runtime says about its GPU. Needed: the NVIDIA driver (libcuda.so.1) for CUDA 13, i.e. 580 or
 * newer; CUDA 13's runtime and cuBLAS (libcudart.so.13, libcublas.so.13, libcublasLt.so.13); a GPU of
 * compute capability 7.5 or newer (Turing and later; CUDA 13 dropped older ones).
 */
public final class CudaPreflight {
    /** The CUDA version the driver must support, as CUDA encodes it (13.0). */
    public static final int MIN_DRIVER_CUDA = 13000;
    /** The oldest compute capability CUDA 13 and the PTX's target support. */
    public static final int MIN_MAJOR = 7;
    public static final int MIN_MINOR = 5;
    /** Where the loaded NVIDIA kernel module states its version. */
    public static final Path PROC_DRIVER_VERSION = Path.of("/proc/driver/nvidia/version");

    private static final Pattern MODULE_VERSION = Pattern.compile("Kernel Module(?: for \\S+)?\\s+([0-9]+(?:\\.[0-9]+)+)");

    private CudaPreflight() {
    }

    /** The first line of every refusal. */
    public static final String HEADER = "The CUDA 13 engine cannot start on this machine:";

    /**
     * What is missing among the files: the driver library and kernel module, the CUDA 13 runtime and
     * cuBLAS libraries; empty when all are there. Loads nothing.
     */
    public static List<String> fileProblems(CudaLibraries libraries, Path procDriverVersion) {
        Map<String, Path> found = libraries.locate(CudaLibraries.REQUIRED);
        List<String> problems = new ArrayList<>();
        if (!found.containsKey(CudaLibraries.DRIVER)) {
            problems.add("NVIDIA driver: " + CudaLibraries.DRIVER + " not found; " + (Files.exists(procDriverVersion)
                    ? "the kernel module reports version " + moduleVersion(procDriverVersion)
                    : "no NVIDIA kernel module is loaded (" + procDriverVersion + " is missing)")
                    + ": install the NVIDIA driver, version 580 or newer (CUDA 13), on a machine with an NVIDIA GPU");
        }
        List<String> runtime = missing(found, "libcudart.so.13");
        if (!runtime.isEmpty()) {
            problems.add("CUDA 13 runtime: libcudart.so.13 not found: install CUDA 13 (e.g. Debian/Ubuntu package cuda-cudart-13-0 from "
                    + "NVIDIA's repository) or pip install nvidia-cuda-runtime, or put its lib directory on LD_LIBRARY_PATH");
        }
        List<String> blas = missing(found, "libcublas.so.13", "libcublasLt.so.13");
        if (!blas.isEmpty()) {
            problems.add("cuBLAS 13: " + String.join(", ", blas) + " not found: install CUDA 13's cuBLAS (package libcublas-13-0) "
                    + "or pip install nvidia-cublas, or put its lib directory on LD_LIBRARY_PATH");
        }
        if (!problems.isEmpty()) {
            problems.add("libraries were looked for in " + libraries.searched());
        }
        return problems;
    }

    /** What the device stage found wrong with the GPU and driver the runtime reports; empty when fine. */
    public static List<String> deviceProblems(int gpus, int driverCudaVersion, int major, int minor, String name) {
        List<String> problems = new ArrayList<>();
        if (driverCudaVersion < MIN_DRIVER_CUDA) {
            problems.add("NVIDIA driver: supports CUDA " + GpuInfo.cudaVersion(driverCudaVersion) + ", the engine needs CUDA "
                    + GpuInfo.cudaVersion(MIN_DRIVER_CUDA) + " (driver 580 or newer)");
        }
        if (gpus == 0) {
            problems.add("GPU: the CUDA runtime sees no GPU (check CUDA_VISIBLE_DEVICES and nvidia-smi)");
        } else if (major < MIN_MAJOR || major == MIN_MAJOR && minor < MIN_MINOR) {
            problems.add("GPU: " + name + " has compute capability " + major + "." + minor + "; CUDA 13 and this engine need "
                    + MIN_MAJOR + "." + MIN_MINOR + " or newer (Turing and later); for Maxwell to Volta GPUs use backend-cuda "
                    + "(ND4J's CUDA 11.6)");
        }
        return problems;
    }

    /** The refusal text for a list of problems. */
    public static String message(List<String> problems) {
        StringBuilder text = new StringBuilder(HEADER);
        problems.forEach(p -> text.append("\n  - ").append(p));
        return text.toString();
    }

    /** The NVIDIA kernel module's version from /proc/driver/nvidia/version, or "unknown". */
    public static String moduleVersion(Path procDriverVersion) {
        try {
            Matcher m = MODULE_VERSION.matcher(Files.readString(procDriverVersion));
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<String> missing(Map<String, Path> found, String... names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (!found.containsKey(name)) {
                out.add(name);
            }
        }
        return out;
    }
}
