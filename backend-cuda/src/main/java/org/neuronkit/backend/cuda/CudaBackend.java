package org.neuronkit.backend.cuda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.neuronkit.backend.Backend;
import org.neuronkit.backend.cuda.CudaProbe.Gpu;

/**
 * The CUDA {@link Backend}: ND4J's {@code JCublasBackend} on NVIDIA GPUs.
 *
 * <p>Nothing happens when the service is constructed. The first call of any method starts the
 * backend: it reads {@link CudaMemorySettings}, runs {@link CudaPreflight} (which fails with a
 * {@link org.neuronkit.ConfigurationException} saying what is missing) and only then lets ND4J
 * initialise. Having this module on the classpath is the choice of CUDA (Maven profile
 * {@code -Pcuda} puts it there instead of the CPU backend), so {@link #isActive()} does not answer
 * {@code false} on a machine without a usable GPU, which would let a program fall back to the CPU
 * silently: it throws.
 *
 * <p>Call {@link org.neuronkit.backend.Backends#current()} before creating the first array, so that
 * the preflight runs before ND4J loads its native code.
 */
public final class CudaBackend implements Backend {

    private final CudaProbe probe;
    private final CudaMemorySettings settings;
    private final CudaRuntime runtime;
    private Started started;

    private record Started(CudaPreflight.Result preflight, CudaMemorySettings settings, String nd4jBackend) {
        Gpu gpu() {
            return preflight.devices().gpus().get(0);
        }
    }

    /** The service: probes this machine, settings from system properties. */
    public CudaBackend() {
        this(new SystemCudaProbe(), null, new Nd4jCudaRuntime());
    }

    /** @param settings null to read them from the system properties when the backend starts */
    CudaBackend(CudaProbe probe, CudaMemorySettings settings, CudaRuntime runtime) {
        this.probe = probe;
        this.settings = settings;
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return "cuda";
    }

    /** Starts the backend; true, or a {@link org.neuronkit.ConfigurationException} saying why CUDA cannot run. */
    @Override
    public boolean isActive() {
        start();
        return true;
    }

    /** The GPU ND4J computes on: GPU 0 unless {@value CudaMemorySettings#MULTI_GPU} is set. */
    @Override
    public String device() {
        Gpu gpu = start().gpu();
        return gpu.name() + " (GPU " + gpu.index() + ")";
    }

    @Override
    public Map<String, String> report() {
        Started s = start();
        CudaPreflight.Result preflight = s.preflight();
        Gpu gpu = s.gpu();
        Map<String, String> report = new LinkedHashMap<>();
        report.put("backend", name());
        report.put("nd4j_backend", s.nd4jBackend());
        report.put("device", device());
        report.put("compute_capability", gpu.capability() + " (runs kernels compiled for "
                + CudaBuild.kernelsFor(gpu.capability()).orElseThrow() + ")");
        report.put("device_memory_total_mb", Long.toString(gpu.totalMemoryBytes() >> 20));
        report.put("device_memory_free_mb", Long.toString(runtime.freeMemory(gpu.index()) >> 20));
        report.put("gpus", preflight.devices().gpus().stream()
                .map(g -> g.index() + ": " + g.name() + " " + g.capability()).collect(Collectors.joining("; ")));
        report.put("driver_version", preflight.kernelModuleVersion().orElse("unknown") + " (supports CUDA "
                + CudaBuild.formatCudaVersion(preflight.devices().driverVersion()) + ")");
        report.put("runtime_version", CudaBuild.formatCudaVersion(preflight.devices().runtimeVersion())
                + " (ND4J built with CUDA " + CudaBuild.CUDA_VERSION + ")");
        report.putAll(runtime.describe());
        report.putAll(s.settings().describe());
        report.put("libraries", preflight.libraries().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        return report;
    }

    /** Waits for the GPU to finish the queued work, the way ND4J's CUDA executioner commits it. */
    @Override
    public void synchronize() {
        start();
        runtime.synchronize();
    }

    private synchronized Started start() {
        if (started == null) {
            CudaMemorySettings active = settings != null ? settings : CudaMemorySettings.fromSystemProperties();
            CudaPreflight.Result preflight = CudaPreflight.check(probe);
            String nd4jBackend = runtime.start(active, preflight.devices().gpus().size());
            started = new Started(preflight, active, nd4jBackend);
        }
        return started;
    }

}
