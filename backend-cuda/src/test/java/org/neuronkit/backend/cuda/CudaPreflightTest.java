package org.neuronkit.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;
import org.neuronkit.backend.cuda.CudaProbe.DeviceQuery;
import org.neuronkit.backend.cuda.CudaProbe.Gpu;

class CudaPreflightTest {

    private static String failure(FakeProbe probe) {
        return assertThrows(ConfigurationException.class, () -> CudaPreflight.check(probe)).getMessage();
    }

    private static Gpu gpu(int index, String name, int major, int minor) {
        return new Gpu(index, name, new ComputeCapability(major, minor), 8L << 30);
    }

    @Test
    void aWorkingMachinePassesAndTellsWhereTheLibrariesAre() {
        FakeProbe probe = new FakeProbe();
        CudaPreflight.Result result = CudaPreflight.check(probe);
        assertEquals("/usr/local/cuda-11.6/lib64/libcublas.so.11", result.libraries().get("libcublas.so.11"));
        assertEquals("/usr/lib/x86_64-linux-gnu/libcuda.so.1", result.libraries().get("libcuda.so.1"));
        assertEquals(Optional.of("510.47.03"), result.kernelModuleVersion());
        assertEquals(1, result.devices().gpus().size());
        assertEquals(1, probe.deviceQueries);
    }

    @Test
    void aMachineWithoutGpuListsEverythingMissingWithoutLoadingNativeCode() {
        String message = failure(FakeProbe.bare());
        assertTrue(message.startsWith("The CUDA backend cannot start on this machine:"), message);
        assertTrue(message.contains("NVIDIA driver: libcuda.so.1 not found;"), message);
        assertTrue(message.contains("libraries were looked for in /usr/lib/x86_64-linux-gnu, the ldconfig cache and, for the"
                + " runtime, on the classpath"), message);
        assertTrue(message.contains("no NVIDIA kernel module is loaded (/proc/driver/nvidia/version is missing)"), message);
        assertTrue(message.contains("install the NVIDIA driver, version 450.80.02 or newer"), message);
        assertTrue(message.contains("libcudart.so.11.0, libcublas.so.11, libcublasLt.so.11, libcusolver.so.11 not found"), message);
        assertTrue(message.contains("ND4J's CUDA native code for linux-x86_64 is not on the classpath"), message);
        assertTrue(message.contains("mvn -Pcuda,cuda-natives package"), message);
        assertTrue(message.endsWith("To run on the CPU instead, build without -Pcuda."), message);
    }

    @Test
    void aLoadedKernelModuleWithoutVisibleLibraryPointsAtTheLoaderPath() {
        FakeProbe probe = new FakeProbe();
        probe.libraries.remove("libcuda.so.1");
        String message = failure(probe);
        assertTrue(message.contains("kernel module 510.47.03 is loaded, so add the directory holding libcuda.so.1"
                + " to LD_LIBRARY_PATH"), message);
        assertFalse(message.contains("CUDA 11.6 runtime:"), message);
        assertEquals(0, probe.deviceQueries);
    }

    @Test
    void anOldDriverIsNamedWithTheVersionNeeded() {
        FakeProbe probe = new FakeProbe();
        probe.module = Optional.of("418.67");
        String message = failure(probe);
        assertTrue(message.contains("NVIDIA driver 418.67 is older than 450.80.02, the oldest that runs CUDA 11.6 code"),
                message);
        assertEquals(0, probe.deviceQueries);
    }

    @Test
    void aDriverLibraryThatCannotBeLoadedIsReportedWithTheLoadersWords() {
        FakeProbe probe = new FakeProbe();
        probe.loadError = Optional.of("wrong ELF class: ELFCLASS32");
        String message = failure(probe);
        assertTrue(message.contains("libcuda.so.1 at /usr/lib/x86_64-linux-gnu/libcuda.so.1 cannot be loaded:"
                + " wrong ELF class: ELFCLASS32"), message);
    }

    @Test
    void aMissingRuntimeLibraryIsNamedAloneWithBothRemedies() {
        FakeProbe probe = new FakeProbe();
        probe.libraries.remove("libcusolver.so.11");
        String message = failure(probe);
        assertTrue(message.contains("CUDA 11.6 runtime: libcusolver.so.11 not found"), message);
        assertFalse(message.contains("libcublas.so.11"), message);
        assertTrue(message.contains("-Pcuda,cuda-natives,cuda-redist"), message);
        assertFalse(message.contains("driver"), message);
    }

    @Test
    void runtimeErrorsAreReportedWithTheDriverVersion() {
        FakeProbe probe = new FakeProbe();
        probe.devices = DeviceQuery.failed("CUDA driver version is insufficient for CUDA runtime version (CUDA error 35)");
        String message = failure(probe);
        assertTrue(message.contains("the CUDA runtime cannot use the GPU: CUDA driver version is insufficient for CUDA"
                + " runtime version (CUDA error 35) (driver 510.47.03, libcuda.so.1 at"), message);
    }

    @Test
    void noVisibleGpuFails() {
        String message = failure(new FakeProbe().gpus());
        assertTrue(message.contains("the CUDA runtime sees no GPU"), message);
    }

    @Test
    void aGpuOlderThanTheOldestCompiledArchitectureIsRefused() {
        String message = failure(new FakeProbe().gpus(gpu(0, "Tesla K40m", 3, 5)));
        assertTrue(message.contains("GPU 0 (Tesla K40m) has compute capability 3.5, for which ND4J 1.0.0-M2.1's CUDA 11.6"
                + " build has no kernels: it has machine code for 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6 only"), message);
    }

    @Test
    void aNewerMajorArchitectureIsRefusedBecauseThereIsNoPtx() {
        String message = failure(new FakeProbe().gpus(gpu(0, "NVIDIA H100 PCIe", 9, 0)));
        assertTrue(message.contains("GPU 0 (NVIDIA H100 PCIe) has compute capability 9.0"), message);
    }

    @Test
    void onlyTheUnsupportedGpuOfSeveralIsNamed() {
        String message = failure(new FakeProbe().gpus(gpu(0, "NVIDIA GeForce RTX 4090", 8, 9), gpu(1, "Tesla K20c", 3, 5)));
        assertTrue(message.contains("GPU 1 (Tesla K20c)"), message);
        assertFalse(message.contains("GPU 0"), message);
        assertTrue(message.contains("CUDA_VISIBLE_DEVICES"), message);
    }

    @Test
    void gpusWithinACompiledMajorVersionPass() {
        CudaPreflight.check(new FakeProbe().gpus(gpu(0, "NVIDIA GeForce RTX 4090", 8, 9), gpu(1, "Tesla K80", 3, 7),
                gpu(2, "Jetson Nano", 5, 3), gpu(3, "Tesla T4", 7, 5)));
    }
}
