package org.neuronkit.backend.cuda;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.nd4j.jita.conf.Configuration;
import org.nd4j.linalg.api.memory.MemoryManager;
import org.nd4j.linalg.factory.Environment;
import org.neuronkit.ConfigurationException;

/**
 * How ND4J's CUDA backend may use memory and devices, read from system properties:
 * <table>
 *   <caption>properties</caption>
 *   <tr><th>property</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #MULTI_GPU}</td><td>false</td><td>let ND4J spread threads over all visible GPUs
 *       (round robin). Off: every thread uses GPU 0, so a network's arrays never cross devices.</td></tr>
 *   <tr><td>{@value #DEVICE_MEMORY_LIMIT}</td><td>none</td><td>ND4J's limit per GPU on allocations
 *       outside workspaces, in bytes or with a k/m/g suffix ({@code 6g}); beyond it an allocation
 *       fails with ND4J's "Requested amount exceeds device limits" instead of exhausting the GPU.</td></tr>
 *   <tr><td>{@value #GC_WINDOW_MS}</td><td>0 (off)</td><td>if positive, ND4J calls {@code System.gc()} at
 *       most this often, so that device memory of arrays the program no longer references is freed
 *       even while the Java heap is nearly empty. NeuronKit's training loop reuses its buffers, so
 *       this is off by default.</td></tr>
 * </table>
 * The multi-GPU switch must be set before ND4J initialises ({@link #applyBeforeInit}); the others
 * act on the running backend ({@link #applyAfterInit}). JavaCPP's own off-heap limits are set as
 * usual with {@code -Dorg.bytedeco.javacpp.maxbytes} and {@code -Dorg.bytedeco.javacpp.maxphysicalbytes};
 * the backend reports their values.
 *
 * @param deviceMemoryLimitBytes 0 for no limit
 * @param gcWindowMs 0 for no periodic garbage collection
 */
public record CudaMemorySettings(boolean multiGpu, long deviceMemoryLimitBytes, int gcWindowMs) {

    public static final String MULTI_GPU = "neuronkit.cuda.multiGpu";
    public static final String DEVICE_MEMORY_LIMIT = "neuronkit.cuda.deviceMemoryLimit";
    public static final String GC_WINDOW_MS = "neuronkit.cuda.gcWindowMs";

    public CudaMemorySettings {
        if (deviceMemoryLimitBytes < 0) {
            throw new ConfigurationException(DEVICE_MEMORY_LIMIT + " must not be negative, got " + deviceMemoryLimitBytes);
        }
        if (gcWindowMs < 0) {
            throw new ConfigurationException(GC_WINDOW_MS + " must not be negative, got " + gcWindowMs);
        }
    }

    /** The settings the system properties give. */
    public static CudaMemorySettings fromSystemProperties() {
        return from(System.getProperties());
    }

    /**
     * The settings {@code properties} give, defaults for those absent.
     *
     * @throws ConfigurationException naming the property whose value cannot be read
     */
    static CudaMemorySettings from(Properties properties) {
        String multiGpu = properties.getProperty(MULTI_GPU, "false").trim().toLowerCase(Locale.ROOT);
        if (!multiGpu.equals("true") && !multiGpu.equals("false")) {
            throw new ConfigurationException(MULTI_GPU + " must be true or false, got '" + multiGpu + "'");
        }
        String limit = properties.getProperty(DEVICE_MEMORY_LIMIT);
        String window = properties.getProperty(GC_WINDOW_MS, "0");
        int windowMs;
        try {
            windowMs = Integer.parseInt(window.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(GC_WINDOW_MS + " must be a whole number of milliseconds, got '" + window + "'");
        }
        return new CudaMemorySettings(Boolean.parseBoolean(multiGpu), limit == null ? 0 : parseSize(limit), windowMs);
    }

    /**
     * A size in bytes: digits with an optional suffix k, m or g (powers of 1024), e.g. {@code 6g}.
     *
     * @throws ConfigurationException for any other text
     */
    static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!t.isEmpty() && "kmg".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmg".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigurationException(DEVICE_MEMORY_LIMIT + " must be a size such as 6g, 512m or 1073741824, got '"
                    + text + "'");
        }
    }

    /** Applies what must be set before ND4J's CUDA backend initialises. */
    void applyBeforeInit(Configuration configuration) {
        configuration.allowMultiGPU(multiGpu);
    }

    /** Applies what acts on the initialised backend. */
    void applyAfterInit(Environment environment, MemoryManager memoryManager, int deviceCount) {
        if (deviceMemoryLimitBytes > 0) {
            for (int device = 0; device < deviceCount; device++) {
                environment.setDeviceLimit(device, deviceMemoryLimitBytes);
            }
        }
        if (gcWindowMs > 0) {
            memoryManager.setAutoGcWindow(gcWindowMs);
            memoryManager.togglePeriodicGc(true);
        }
    }

    /** The settings as report entries. */
    Map<String, String> describe() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("multi_gpu", Boolean.toString(multiGpu));
        entries.put("device_memory_limit_mb", deviceMemoryLimitBytes == 0 ? "none" : Long.toString(deviceMemoryLimitBytes >> 20));
        entries.put("gc_window_ms", gcWindowMs == 0 ? "off" : Integer.toString(gcWindowMs));
        return entries;
    }
}
