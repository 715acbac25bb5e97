package org.neuronkit.cuda13.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preflight's messages, from directories made to lack or hold each library. */
class CudaPreflightTest {
    @TempDir
    Path dir;

    @Test
    void namesEveryMissingLibraryAndTheDirectoriesSearched() {
        List<String> problems = CudaPreflight.fileProblems(new CudaLibraries(List.of(dir), Map.of()), dir.resolve("no-such-file"));
        assertEquals(4, problems.size(), problems.toString());
        assertEquals("NVIDIA driver: libcuda.so.1 not found; no NVIDIA kernel module is loaded (" + dir.resolve("no-such-file")
                + " is missing): install the NVIDIA driver, version 580 or newer (CUDA 13), on a machine with an NVIDIA GPU", problems.get(0));
        assertTrue(problems.get(1).startsWith("CUDA 13 runtime: libcudart.so.13 not found"), problems.get(1));
        assertTrue(problems.get(2).startsWith("cuBLAS 13: libcublas.so.13, libcublasLt.so.13 not found"), problems.get(2));
        assertEquals("libraries were looked for in " + dir + ", the ldconfig cache (0 entries)", problems.get(3));
        assertTrue(CudaPreflight.message(problems).startsWith(CudaPreflight.HEADER + "\n  - NVIDIA driver"));
    }

    @Test
    void findsLibrariesInDirectoriesAndTheLdconfigCacheAndReadsTheModuleVersion() throws IOException {
        Path other = Files.createDirectory(dir.resolve("cache"));
        for (String name : List.of("libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13")) {
            Files.createFile(dir.resolve(name));
        }
        Files.createFile(other.resolve("libcuda.so.1"));
        Path version = Files.writeString(dir.resolve("version"),
                "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build  (dvs-builder@U16-I3-B03-4-3)\n");
        Map<String, Path> cache = CudaLibraries.parseLdconfig("536 libs found in cache `/etc/ld.so.cache'\n"
                + "\tlibcuda.so.1 (libc6,x86-64) => " + other.resolve("libcuda.so.1") + "\n\tlibcuda.so.1 (libc6) => /lib32/libcuda.so.1\n");
        assertEquals(Map.of("libcuda.so.1", other.resolve("libcuda.so.1")), cache);
        CudaLibraries libraries = new CudaLibraries(List.of(dir), cache);
        assertEquals(List.of(), CudaPreflight.fileProblems(libraries, version));
        assertEquals(other + ":" + dir, libraries.directoriesOf(libraries.locate(CudaLibraries.REQUIRED)));
        assertEquals("580.95.05", CudaPreflight.moduleVersion(version));
        Files.delete(other.resolve("libcuda.so.1"));
        assertTrue(CudaPreflight.fileProblems(libraries, version).get(0)
                .startsWith("NVIDIA driver: libcuda.so.1 not found; the kernel module reports version 580.95.05"));
    }

    @Test
    void refusesOldDriversAndGpusOlderThanTuring() {
        assertEquals(List.of(), CudaPreflight.deviceProblems(1, 13000, 9, 0, "NVIDIA H200"));
        assertEquals(List.of("NVIDIA driver: supports CUDA 12.8, the engine needs CUDA 13.0 (driver 580 or newer)"),
                CudaPreflight.deviceProblems(1, 12080, 8, 9, "NVIDIA L4"));
        String pascal = CudaPreflight.deviceProblems(1, 13000, 6, 1, "Tesla P4").get(0);
        assertTrue(pascal.startsWith("GPU: Tesla P4 has compute capability 6.1; CUDA 13 and this engine need 7.5 or newer"), pascal);
        assertTrue(pascal.contains("backend-cuda"), pascal);
        assertEquals(List.of("GPU: the CUDA runtime sees no GPU (check CUDA_VISIBLE_DEVICES and nvidia-smi)"),
                CudaPreflight.deviceProblems(0, 13000, 0, 0, "none"));
    }

    @Test
    void openingWithoutAGpuStopsWithTheMessage() {
        assumeFalse(Files.exists(CudaPreflight.PROC_DRIVER_VERSION), "this machine has an NVIDIA driver");
        IllegalStateException e = assertThrows(IllegalStateException.class, CudaOps::open);
        assertTrue(e.getMessage().startsWith(CudaPreflight.HEADER + "\n  - NVIDIA driver: libcuda.so.1 not found"), e.getMessage());
    }
}
