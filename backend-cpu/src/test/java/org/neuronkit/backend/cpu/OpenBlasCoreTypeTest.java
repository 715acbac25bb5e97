package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which OpenBLAS kernels are chosen for which CPU, and that the choice reaches the process before OpenBLAS loads. */
class OpenBlasCoreTypeTest {
    private static final Set<String> ZEN5 = Set.of("fpu", "avx2", "fma", "avx512f", "avx512dq", "avx512cd", "avx512bw",
            "avx512vl", "avx512_bf16", "avx512_vnni");

    @Test
    void amdWithAvx512AndBf16GetsCooperlake() {
        assertEquals("Cooperlake", OpenBlasCoreType.choose("AuthenticAMD", ZEN5));
    }

    @Test
    void amdWithAvx512WithoutBf16GetsSkylakeX() {
        assertEquals("SkylakeX", OpenBlasCoreType.choose("AuthenticAMD",
                Set.of("avx2", "avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl")));
    }

    @Test
    void amdWithoutTheWholeAvx512SetKeepsOpenBlassChoice() {
        assertNull(OpenBlasCoreType.choose("AuthenticAMD", Set.of("avx2", "fma")));
        assertNull(OpenBlasCoreType.choose("AuthenticAMD", Set.of("avx2", "avx512f", "avx512cd")));
    }

    @Test
    void intelKeepsOpenBlassChoice() {
        assertNull(OpenBlasCoreType.choose("GenuineIntel", ZEN5));
    }

    @Test
    void readsTheFirstProcessorOfCpuinfo() {
        List<String> cpuinfo = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "model name\t: AMD EPYC",
                "flags\t\t: fpu avx2 avx512f avx512dq avx512cd avx512bw avx512vl", "", "processor\t: 1",
                "vendor_id\t: AuthenticAMD", "flags\t\t: fpu");
        assertEquals("SkylakeX", OpenBlasCoreType.chooseFor(cpuinfo));
        assertNull(OpenBlasCoreType.chooseFor(List.of("processor\t: 0")));
    }

    /** A JVM started without the variable has this CPU's choice in its environment once OpenBLAS is loaded. */
    @Test
    void theChoiceIsInTheProcessEnvironmentOpenBlasReads() throws Exception {
        String expected = OpenBlasCoreType.chooseFor(Files.readAllLines(Path.of("/proc/cpuinfo")));
        String output = ChildJvm.run(ThreadDefaultsProbe.class, List.of(OpenBlasCoreType.VARIABLE), Map.of());
        assertTrue(output.contains(OpenBlasCoreType.VARIABLE + "=" + (expected == null ? "(unset)" : expected)), output);
        assertTrue(output.contains("blas_library=OpenBLAS 0.3.31"), output);
    }

    @Test
    void aValueTheUserSetIsKept() throws Exception {
        String output = ChildJvm.run(ThreadDefaultsProbe.class, List.of(), Map.of(OpenBlasCoreType.VARIABLE, "Haswell"));
        assertTrue(output.contains(OpenBlasCoreType.VARIABLE + "=Haswell"), output);
        assertTrue(output.contains("blas_kernels=" + OpenBlasCoreType.VARIABLE + "=Haswell"), output);
    }

    @Test
    void nd4jsOwnOpenBlasIsLeftAsShipped() throws Exception {
        String output = ChildJvm.run(ThreadDefaultsProbe.class, List.of(OpenBlasCoreType.VARIABLE), Map.of(),
                "-Dneuronkit.openblas=nd4j");
        assertTrue(output.contains(OpenBlasCoreType.VARIABLE + "=(unset)"), output);
        assertTrue(output.contains("blas_kernels=OpenBLAS's own choice"), output);
    }
}
