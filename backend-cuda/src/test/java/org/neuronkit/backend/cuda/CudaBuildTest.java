package org.neuronkit.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;

class CudaBuildTest {

    private static Optional<String> kernelsFor(String capability) {
        return CudaBuild.kernelsFor(ComputeCapability.parse(capability)).map(ComputeCapability::toString);
    }

    @Test
    void machineCodeRunsOnTheSameMajorWithAnEqualOrHigherMinor() {
        ComputeCapability sm86 = new ComputeCapability(8, 6);
        assertTrue(sm86.runsOn(new ComputeCapability(8, 6)));
        assertTrue(sm86.runsOn(new ComputeCapability(8, 9)));
        assertFalse(sm86.runsOn(new ComputeCapability(8, 0)));
        assertFalse(sm86.runsOn(new ComputeCapability(9, 0)));
    }

    @Test
    void eachGpuGetsTheNewestCompiledArchitectureItCanRun() {
        assertEquals(Optional.of("8.6"), kernelsFor("8.9")); // Ada Lovelace, e.g. RTX 4090
        assertEquals(Optional.of("8.0"), kernelsFor("8.0")); // A100
        assertEquals(Optional.of("7.5"), kernelsFor("7.5")); // T4
        assertEquals(Optional.of("7.0"), kernelsFor("7.2")); // Jetson Xavier
        assertEquals(Optional.of("6.1"), kernelsFor("6.2"));
        assertEquals(Optional.of("5.2"), kernelsFor("5.3"));
        assertEquals(Optional.of("3.7"), kernelsFor("3.7")); // K80
    }

    @Test
    void gpusOutsideTheCompiledGenerationsHaveNoKernels() {
        assertEquals(Optional.empty(), kernelsFor("3.5")); // K40
        assertEquals(Optional.empty(), kernelsFor("3.0"));
        assertEquals(Optional.empty(), kernelsFor("9.0")); // H100
        assertEquals(Optional.empty(), kernelsFor("12.0"));
    }

    @Test
    void parseRejectsTextThatIsNotMajorDotMinor() {
        assertEquals(new ComputeCapability(12, 0), ComputeCapability.parse(" 12.0 "));
        String message = assertThrows(ConfigurationException.class, () -> ComputeCapability.parse("sm_86")).getMessage();
        assertEquals("invalid compute capability 'sm_86': expected major.minor, e.g. 8.6", message);
    }

    @Test
    void driverVersionsCompareNumericallyPartByPart() {
        assertTrue(CudaBuild.compareVersions("470.82.01", "450.80.02") > 0);
        assertTrue(CudaBuild.compareVersions("450.80.01", "450.80.02") < 0);
        assertTrue(CudaBuild.compareVersions("450.100.1", "450.80.02") > 0); // not a string comparison
        assertEquals(0, CudaBuild.compareVersions("450.80.02", "450.80.02"));
        assertTrue(CudaBuild.compareVersions("535", "450.80.02") > 0);
    }

    @Test
    void cudaVersionNumbersFormatAsCudaPrintsThem() {
        assertEquals("11.6", CudaBuild.formatCudaVersion(11060));
        assertEquals("11.4", CudaBuild.formatCudaVersion(11040));
        assertEquals("12.2", CudaBuild.formatCudaVersion(12020));
    }
}
