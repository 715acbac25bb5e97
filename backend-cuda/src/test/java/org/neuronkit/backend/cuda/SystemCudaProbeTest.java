package org.neuronkit.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemCudaProbeTest {

    private static final String LDCONFIG = """
            1234 libs found in cache `/etc/ld.so.cache'
            \tlibcuda.so.1 (libc6) => /usr/lib/i386-linux-gnu/libcuda.so.1
            \tlibcuda.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so.1
            \tlibcuda.so (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libcuda.so
            """;

    @TempDir
    Path dir;

    private SystemCudaProbe probe(List<String> directories, String ldconfig, ClassLoader loader) {
        return new SystemCudaProbe("linux-x86_64", dir.resolve("proc-version"), directories, () -> ldconfig, loader);
    }

    private ClassLoader classpathWith(String... resources) throws IOException {
        Path root = Files.createDirectories(dir.resolve("classpath"));
        for (String resource : resources) {
            Path file = root.resolve(resource);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "not a library");
        }
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }

    @Test
    void readsTheKernelModuleVersionOfProprietaryAndOpenModules() {
        assertEquals(Optional.of("510.47.03"), SystemCudaProbe.parseModuleVersion(
                "NVRM version: NVIDIA UNIX x86_64 Kernel Module  510.47.03  Mon Jan 24 22:58:54 UTC 2022\n"
                        + "GCC version:  gcc version 9.3.0 (Ubuntu 9.3.0-17ubuntu1~20.04)\n"));
        assertEquals(Optional.of("535.104.05"), SystemCudaProbe.parseModuleVersion(
                "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  535.104.05  Release Build  (dvs-builder@U16)\n"));
        assertEquals(Optional.empty(), SystemCudaProbe.parseModuleVersion("something else\n"));
    }

    @Test
    void kernelModuleVersionIsEmptyWithoutTheProcFileAndReadWithIt() throws IOException {
        SystemCudaProbe probe = probe(List.of(), "", getClass().getClassLoader());
        assertEquals(Optional.empty(), probe.kernelModuleVersion());
        Files.writeString(dir.resolve("proc-version"), "NVRM version: NVIDIA UNIX x86_64 Kernel Module  470.82.01  Thu Oct 28\n");
        assertEquals(Optional.of("470.82.01"), probe.kernelModuleVersion());
    }

    @Test
    void theLoaderCacheGivesThe64BitLibraryOfExactlyThatSoname() {
        assertEquals(Optional.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"),
                SystemCudaProbe.findInLoaderCache(LDCONFIG, "libcuda.so.1"));
        assertEquals(Optional.empty(), SystemCudaProbe.findInLoaderCache(LDCONFIG, "libcublas.so.11"));
    }

    @Test
    void searchDirectoriesComeFromLdLibraryPathThenJavaLibraryPathThenDefaults() {
        List<String> directories = SystemCudaProbe.directories("/opt/cuda/lib64::/usr/lib64", "/opt/jni");
        assertEquals(List.of("/opt/cuda/lib64", "/usr/lib64", "/opt/jni"), directories.subList(0, 3));
        assertTrue(directories.contains("/usr/lib/x86_64-linux-gnu"));
        assertEquals(directories.size(), directories.stream().distinct().count());
    }

    @Test
    void locateLooksInDirectoriesThenTheLoaderCacheThenTheRedistributableJar() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(lib.resolve("libcudart.so.11.0"), "");
        ClassLoader classpath = classpathWith("org/bytedeco/cuda/linux-x86_64/libcublas.so.11");
        SystemCudaProbe probe = probe(List.of(lib.toString()), LDCONFIG, classpath);

        assertEquals(Optional.of(lib.resolve("libcudart.so.11.0").toString()), probe.locate("libcudart.so.11.0"));
        assertEquals(Optional.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1"), probe.locate("libcuda.so.1"));
        assertTrue(probe.locate("libcublas.so.11").orElseThrow().startsWith("classpath file:"));
        assertEquals(Optional.empty(), probe.locate("libcusolver.so.11"));
    }

    @Test
    void nd4jNativesAreFoundByTheirResourceForThePlatform() throws IOException {
        assertFalse(probe(List.of(), "", classpathWith()).hasNd4jNatives());
        assertTrue(probe(List.of(), "", classpathWith("org/nd4j/linalg/jcublas/bindings/linux-x86_64/libjnind4jcuda.so"))
                .hasNd4jNatives());
    }

    @Test
    void aFileThatIsNoLibraryGivesTheLoadersErrorInsteadOfCrashing() throws IOException {
        Path fake = Files.writeString(dir.resolve("libcuda.so.1"), "not a shared library");
        Optional<String> error = probe(List.of(), "", getClass().getClassLoader()).loadError(fake.toString());
        assertTrue(error.isPresent());
        assertTrue(error.get().contains(fake.toString()), error.get());
    }
}
