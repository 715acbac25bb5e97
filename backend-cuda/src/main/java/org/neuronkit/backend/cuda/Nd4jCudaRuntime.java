package org.neuronkit.backend.cuda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.jita.conf.CudaEnvironment;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;
import org.nd4j.linalg.jcublas.JCublasBackend;
import org.neuronkit.ConfigurationException;

/** {@link CudaRuntime} on ND4J's {@code JCublasBackend}. */
final class Nd4jCudaRuntime implements CudaRuntime {

    @Override
    public String start(CudaMemorySettings settings, int deviceCount) {
        settings.applyBeforeInit(CudaEnvironment.getInstance().getConfiguration());
        Nd4jBackend backend;
        try {
            backend = Nd4j.getBackend();
        } catch (RuntimeException | LinkageError e) {
            throw new ConfigurationException("ND4J's CUDA backend failed to initialise although driver, runtime"
                    + " libraries and GPU were found: " + e, e);
        }
        if (!(backend instanceof JCublasBackend)) {
            throw new ConfigurationException("ND4J loaded " + backend.getClass().getSimpleName() + " instead of its CUDA"
                    + " backend: the classpath has another ND4J backend (nd4j-native from backend-cpu?) that ND4J"
                    + " preferred; build the CUDA variant with -Pcuda only");
        }
        settings.applyAfterInit(Nd4j.getEnvironment(), Nd4j.getMemoryManager(), deviceCount);
        return backend.getClass().getName();
    }

    /**
     * ND4J's own way to wait for the GPU: the CUDA executioner's {@code commit()} synchronises the
     * current device context's streams ({@code AtomicAllocator.getDeviceContext().syncOldStream()} and
     * {@code syncSpecialStream()}).
     */
    @Override
    public void synchronize() {
        Nd4j.getExecutioner().commit();
    }

    @Override
    public long freeMemory(int device) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> devices = (List<Map<String, Object>>) Nd4j.getExecutioner()
                .getEnvironmentInformation().get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
        return ((Number) devices.get(device).get(Nd4jEnvironment.CUDA_FREE_MEMORY_KEY)).longValue();
    }

    @Override
    public Map<String, String> describe() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("blas_vendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        entries.put("data_type", String.valueOf(Nd4j.dataType()));
        entries.put("off_heap_limit_mb", Long.toString(Pointer.maxBytes() >> 20));
        entries.put("physical_memory_mb", Long.toString(Pointer.totalPhysicalBytes() >> 20));
        entries.put("jvm_max_heap_mb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        return entries;
    }
}
