package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neuronkit.backend.Backend;
import org.neuronkit.backend.Backends;

class CpuBackendTest {

    @Test
    void serviceLoaderFindsTheActiveCpuBackend() {
        Backend backend = Backends.current();
        assertInstanceOf(CpuBackend.class, backend);
        assertTrue(backend.isActive());
    }

    @Test
    void reportNamesBackendBlasAndSimdLevel() {
        Map<String, String> report = new CpuBackend().report();
        assertEquals("cpu", report.get("backend"));
        assertEquals("OPENBLAS", report.get("blas_vendor"));
        assertTrue(report.get("simd_binary").matches("AVX2|AVX-512|generic x86-64"), report.toString());
        // OPENBLAS_NUM_THREADS=2 with ND4J_SKIP_BLAS_THREADS (this module's Surefire settings, as the launcher's)
        assertEquals("2 (OPENBLAS_NUM_THREADS)", report.get("blas_threads"), report.toString());
    }
}
