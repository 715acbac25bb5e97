package org.neuronkit.backend.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.neuronkit.backend.Backend;

/**
 * ND4J's native CPU backend: libnd4j with OpenBLAS. The build ships the AVX2 binary, which ND4J
 * loads when the processor has AVX2, and the generic x86-64 binary as the fallback.
 */
public final class CpuBackend implements Backend {

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public boolean isActive() {
        return Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");
    }

    @Override
    public String device() {
        return cpuModel().orElse(System.getProperty("os.arch")) + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, String> report() {
        // ND4J must initialise (and load its configuration) before its native-ops holder is touched
        String nd4jBackend = Nd4j.getBackend().getClass().getName();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        Map<String, String> report = new LinkedHashMap<>();
        report.put("backend", name());
        report.put("nd4j_backend", nd4jBackend);
        report.put("device", device());
        report.put("blas_vendor", blasVendor());
        report.put("blas_library", blasLibrary());
        report.put("blas_kernels", Optional.ofNullable(CpuThreadDefaults.processEnvironment(OpenBlasCoreType.VARIABLE))
                .map(core -> OpenBlasCoreType.VARIABLE + "=" + core).orElse("OpenBLAS's own choice"));
        report.put("simd_binary", simdName(ops.binaryLevel()));
        report.put("simd_cpu", simdName(ops.optimalLevel()));
        report.put("blas_threads", blasThreads());
        report.put("nd4j_threads", String.valueOf(Nd4j.getEnvironment().maxThreads()));
        report.put("omp_wait_policy", Optional.ofNullable(CpuThreadDefaults.processEnvironment("OMP_WAIT_POLICY")).orElse("(unset)"));
        report.put("off_heap_limit_mb", String.valueOf(Pointer.maxBytes() >> 20));
        report.put("physical_memory_mb", String.valueOf(Pointer.totalPhysicalBytes() >> 20));
        report.put("jvm_max_heap_mb", String.valueOf(Runtime.getRuntime().maxMemory() >> 20));
        return report;
    }

    /**
     * ND4J's name for the BLAS library. ND4J learns it when it sets the BLAS thread count; with
     * ND4J_SKIP_BLAS_THREADS (the launcher's setting) it never does, and the library loaded into this
     * process (/proc/self/maps) tells instead.
     */
    private static String blasVendor() {
        Blas.Vendor vendor = Nd4j.factory().blas().getBlasVendor();
        if (vendor != Blas.Vendor.UNKNOWN) {
            return vendor.name();
        }
        return ProcessMaps.contains("libopenblas") ? Blas.Vendor.OPENBLAS.name() : vendor.name();
    }

    /**
     * Which OpenBLAS runs the GEMMs: the file holding {@code cblas_sgemm}, and whether it is the
     * bundled newer one ({@link BundledOpenBlas}) or ND4J's own.
     */
    private static String blasLibrary() {
        Optional<Path> bundled = BundledOpenBlas.load();
        return BundledOpenBlas.sgemmLibrary()
                .map(file -> bundled.isPresent() && file.equals(bundled.get())
                        ? "OpenBLAS " + BundledOpenBlas.bundledVersion() + " (bundled) " + file
                        : "ND4J's OpenBLAS " + file)
                .orElse("(unknown)");
    }

    /**
     * The BLAS thread count ND4J set; with ND4J_SKIP_BLAS_THREADS, the count OpenBLAS took from the
     * environment when it loaded (OPENBLAS_NUM_THREADS, then GOTO_NUM_THREADS, then OMP_NUM_THREADS,
     * else one per core), named with its source.
     */
    private static String blasThreads() {
        int set = Nd4j.factory().blas().getMaxThreads();
        if (set >= 1) {
            return String.valueOf(set);
        }
        for (String variable : new String[] {"OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"}) {
            String value = CpuThreadDefaults.processEnvironment(variable);
            if (value != null && value.matches("\\s*[1-9][0-9]*\\s*")) {
                return value.trim() + " (" + variable + ")";
            }
        }
        return Runtime.getRuntime().availableProcessors() + " (one per core)";
    }

    /** ND4J's own names for its binary levels. */
    private static String simdName(int level) {
        switch (level) {
            case 3: return "AVX-512";
            case 2: return "AVX2";
            default: return "generic x86-64";
        }
    }

    @Override
    public void synchronize() {
        Nd4j.getExecutioner().commit();
    }
}
