package org.neuronkit.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.backend.Backend;

class CudaBackendTest {

    /** ND4J's side played by hand; records what the backend asks of it. */
    private static final class FakeRuntime implements CudaRuntime {
        final List<String> calls = new ArrayList<>();

        @Override
        public String start(CudaMemorySettings settings, int deviceCount) {
            calls.add("start " + deviceCount);
            return "org.nd4j.linalg.jcublas.JCublasBackend";
        }

        @Override
        public void synchronize() {
            calls.add("synchronize");
        }

        @Override
        public long freeMemory(int device) {
            return 9L << 30;
        }

        @Override
        public Map<String, String> describe() {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("blas_vendor", "CUBLAS");
            entries.put("data_type", "FLOAT");
            return entries;
        }
    }

    @Test
    void serviceLoaderFindsTheCudaBackendWithoutStartingIt() {
        List<Backend> found = new ArrayList<>();
        ServiceLoader.load(Backend.class).forEach(found::add); // constructing must touch no native code
        assertEquals(1, found.size());
        assertTrue(found.get(0) instanceof CudaBackend);
        assertEquals("cuda", found.get(0).name());
    }

    @Test
    void reportNamesBackendDeviceAndVersionsInAStableOrder() {
        FakeRuntime runtime = new FakeRuntime();
        CudaBackend backend = new CudaBackend(new FakeProbe(), new CudaMemorySettings(false, 0, 0), runtime);
        Map<String, String> report = backend.report();
        assertEquals(List.of("backend", "nd4j_backend", "device", "compute_capability", "device_memory_total_mb",
                "device_memory_free_mb", "gpus", "driver_version", "runtime_version", "blas_vendor", "data_type", "multi_gpu",
                "device_memory_limit_mb", "gc_window_ms", "libraries"), new ArrayList<>(report.keySet()));
        assertEquals("cuda", report.get("backend"));
        assertEquals("NVIDIA GeForce RTX 3080 (GPU 0)", report.get("device"));
        assertEquals("8.6 (runs kernels compiled for 8.6)", report.get("compute_capability"));
        assertEquals("10240", report.get("device_memory_total_mb"));
        assertEquals("9216", report.get("device_memory_free_mb"));
        assertEquals("510.47.03 (supports CUDA 11.6)", report.get("driver_version"));
        assertEquals("11.6 (ND4J built with CUDA 11.6)", report.get("runtime_version"));
        assertEquals("org.nd4j.linalg.jcublas.JCublasBackend", report.get("nd4j_backend"));
        assertEquals("0: NVIDIA GeForce RTX 3080 8.6", report.get("gpus"));
        assertTrue(report.get("libraries").startsWith("libcublas.so.11=/usr/local/cuda-11.6/lib64/libcublas.so.11; "),
                report.get("libraries"));
        assertEquals(List.of("start 1"), runtime.calls);
    }

    @Test
    void theBackendStartsOnceThenSynchronizesThroughNd4j() {
        FakeProbe probe = new FakeProbe();
        FakeRuntime runtime = new FakeRuntime();
        CudaBackend backend = new CudaBackend(probe, new CudaMemorySettings(false, 0, 0), runtime);
        assertTrue(backend.isActive());
        backend.synchronize();
        backend.synchronize();
        assertEquals(List.of("start 1", "synchronize", "synchronize"), runtime.calls);
        assertEquals(1, probe.deviceQueries);
    }

    @Test
    void withoutAGpuNd4jIsNeverStartedAndEveryEntryPointFails() {
        FakeRuntime runtime = new FakeRuntime();
        CudaBackend backend = new CudaBackend(FakeProbe.bare(), new CudaMemorySettings(false, 0, 0), runtime);
        for (Runnable call : List.<Runnable>of(backend::isActive, backend::device, backend::report, backend::synchronize)) {
            String message = assertThrows(ConfigurationException.class, call::run).getMessage();
            assertTrue(message.contains("libcuda.so.1 not found"), message);
        }
        assertEquals(List.of(), runtime.calls);
    }
}
