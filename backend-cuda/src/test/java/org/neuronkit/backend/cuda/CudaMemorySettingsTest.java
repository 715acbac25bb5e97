package org.neuronkit.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.nd4j.jita.conf.Configuration;
import org.nd4j.linalg.api.memory.MemoryManager;
import org.nd4j.linalg.factory.Environment;
import org.neuronkit.ConfigurationException;

class CudaMemorySettingsTest {

    private static CudaMemorySettings from(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return CudaMemorySettings.from(properties);
    }

    /** An implementation of {@code type} that records each call as "method(arguments)". */
    private static <T> T recorder(Class<T> type, List<String> calls) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            calls.add(method.getName() + (args == null ? "()" : java.util.Arrays.toString(args)));
            return null;
        }));
    }

    @Test
    void defaultsAreOneGpuNoLimitNoPeriodicGc() {
        assertEquals(new CudaMemorySettings(false, 0, 0), from());
        assertEquals(Map.of("multi_gpu", "false", "device_memory_limit_mb", "none", "gc_window_ms", "off"),
                from().describe());
    }

    @Test
    void readsEachProperty() {
        assertEquals(new CudaMemorySettings(true, 6L << 30, 250), from(CudaMemorySettings.MULTI_GPU, "TRUE",
                CudaMemorySettings.DEVICE_MEMORY_LIMIT, "6g", CudaMemorySettings.GC_WINDOW_MS, "250"));
    }

    @Test
    void sizesTakeBinarySuffixes() {
        assertEquals(512L * 1024 * 1024, CudaMemorySettings.parseSize("512m"));
        assertEquals(64L * 1024, CudaMemorySettings.parseSize("64K"));
        assertEquals(1073741824L, CudaMemorySettings.parseSize("1073741824"));
    }

    @Test
    void badValuesNameTheProperty() {
        assertEquals("neuronkit.cuda.deviceMemoryLimit must be a size such as 6g, 512m or 1073741824, got '6 GB'",
                assertThrows(ConfigurationException.class,
                        () -> from(CudaMemorySettings.DEVICE_MEMORY_LIMIT, "6 GB")).getMessage());
        assertEquals("neuronkit.cuda.multiGpu must be true or false, got 'yes'",
                assertThrows(ConfigurationException.class, () -> from(CudaMemorySettings.MULTI_GPU, "yes")).getMessage());
        assertEquals("neuronkit.cuda.gcWindowMs must be a whole number of milliseconds, got '1.5'",
                assertThrows(ConfigurationException.class, () -> from(CudaMemorySettings.GC_WINDOW_MS, "1.5")).getMessage());
        assertEquals("neuronkit.cuda.gcWindowMs must not be negative, got -1",
                assertThrows(ConfigurationException.class, () -> from(CudaMemorySettings.GC_WINDOW_MS, "-1")).getMessage());
    }

    @Test
    void theMultiGpuSwitchReachesNd4jsCudaConfiguration() {
        Configuration configuration = new Configuration();
        from().applyBeforeInit(configuration);
        assertTrue(configuration.isForcedSingleGPU());
        from(CudaMemorySettings.MULTI_GPU, "true").applyBeforeInit(configuration);
        assertFalse(configuration.isForcedSingleGPU());
    }

    @Test
    void theLimitIsSetOnEveryDeviceAndPeriodicGcOnlyWhenAsked() {
        List<String> calls = new ArrayList<>();
        new CudaMemorySettings(false, 1L << 30, 100).applyAfterInit(recorder(Environment.class, calls),
                recorder(MemoryManager.class, calls), 2);
        assertEquals(List.of("setDeviceLimit[0, 1073741824]", "setDeviceLimit[1, 1073741824]", "setAutoGcWindow[100]",
                "togglePeriodicGc[true]"), calls);

        calls.clear();
        from().applyAfterInit(recorder(Environment.class, calls), recorder(MemoryManager.class, calls), 2);
        assertEquals(List.of(), calls);
    }
}
