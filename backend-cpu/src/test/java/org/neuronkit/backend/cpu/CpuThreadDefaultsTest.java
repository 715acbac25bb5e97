package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An embedding program started with none of the thread variables gets the launcher's settings in
 * process, also when it calls ND4J first; a variable the user set wins; libgomp loaded behind ND4J's
 * back is warned about. Each case runs
 * a {@link ThreadDefaultsProbe} in a child JVM, since libgomp reads its environment once per process.
 */
class CpuThreadDefaultsTest {
    private static final List<String> VARIABLES = List.of("OMP_WAIT_POLICY", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "ND4J_SKIP_BLAS_THREADS", "GOTO_NUM_THREADS");
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void aPlainJvmGetsTheLaunchersSettings() throws Exception {
        String output = probe(Map.of());
        assertTrue(output.contains("OMP_WAIT_POLICY=PASSIVE"), output);
        assertTrue(output.contains("nd4j_threads=1\n"), output);
        assertTrue(output.contains("omp_threads=1\n"), output);
        assertTrue(output.contains("blas_threads=" + CORES + "\n"), output);
        assertFalse(output.contains("WARN"), output);
    }

    @Test
    void variablesTheUserSetWin() throws Exception {
        String output = probe(Map.of("OMP_WAIT_POLICY", "ACTIVE", "OMP_NUM_THREADS", "2"));
        assertTrue(output.contains("OMP_WAIT_POLICY=ACTIVE"), output);
        assertTrue(output.contains("nd4j_threads=2\n"), output);
    }

    @Test
    void theSwitchTurnsThemOff() throws Exception {
        String output = probe(Map.of(), "-Dneuronkit.threadDefaults=false");
        assertTrue(output.contains("OMP_WAIT_POLICY=(unset)"), output);
    }

    /** ND4J's start runs the defaults (through {@link Nd4jStartHook}) even when the program's first call is to ND4J. */
    @Test
    void aProgramThatStartsWithNd4jGetsThemToo() throws Exception {
        String output = probe(Map.of(), "nd4j-first");
        assertTrue(output.contains("OMP_WAIT_POLICY=PASSIVE"), output);
        assertTrue(output.contains("nd4j_threads=1\n"), output);
        assertFalse(output.contains("WARN"), output);
    }

    @Test
    void nativesLoadedBehindNd4jsBackIsWarnedAbout() throws Exception {
        String output = probe(Map.of(), "natives-first");
        assertTrue(output.contains("WARN") && output.contains("OMP_WAIT_POLICY=PASSIVE could not take effect"), output);
    }

    private static String probe(Map<String, String> set, String... options) throws IOException, InterruptedException {
        return ChildJvm.run(ThreadDefaultsProbe.class, VARIABLES, set, options);
    }
}
