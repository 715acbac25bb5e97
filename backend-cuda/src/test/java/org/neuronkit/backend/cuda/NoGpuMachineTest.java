package org.neuronkit.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.backend.Backends;

/**
 * On a machine without an NVIDIA driver (CI, and any machine without a GPU) the real lookup, with the
 * real probe, fails with the preflight's message instead of a native crash or a fallback to the CPU.
 */
class NoGpuMachineTest {

    @Test
    void backendLookupFailsWithAMessageNamingTheMissingDriver() {
        SystemCudaProbe probe = new SystemCudaProbe();
        assumeTrue(probe.locate(CudaBuild.DRIVER_LIBRARY).isEmpty() && probe.kernelModuleVersion().isEmpty(),
                "this machine has an NVIDIA driver");
        String message = assertThrows(ConfigurationException.class, Backends::current).getMessage();
        assertTrue(message.startsWith("The CUDA backend cannot start on this machine:"), message);
        assertTrue(message.contains("NVIDIA driver: libcuda.so.1 not found"), message);
        assertTrue(message.contains("no NVIDIA kernel module is loaded"), message);
    }
}
