package org.neuronkit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuronkit.ConfigurationException;

class ApproximationStudyTest {

    @Test
    void errorFallsAsTheHiddenLayerWidens() {
        ApproximationStudy.Config config = new ApproximationStudy.Config(TargetFunction.SIN, new int[] {1, 4, 16}, 60, 1000, 0.05, 42);
        ApproximationStudy.Result result = ApproximationStudy.run(config);
        result.fits().forEach(f -> System.out.printf("M = %2d  rmse %.5f  max %.5f%n", f.width(), f.rmse(), f.maxError()));
        double smallest = result.fits().get(0).rmse();
        double largest = result.fits().get(2).rmse();
        assertTrue(largest * 10 < smallest, "RMSE with M = 16: " + largest + ", with M = 1: " + smallest);
        // the truth on the evaluation grid is sin itself, independently
        for (int i = 0; i < result.x().length; i++) {
            assertEquals(Math.sin(result.x()[i]), result.truth()[i], 1e-15);
        }
        assertEquals(119, result.x().length);
        assertEquals(-Math.PI, result.x()[0], 1e-15);
        assertEquals(Math.PI, result.x()[118], 1e-15);
    }

    @Test
    void unknownTargetListsTheKnownOnes() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TargetFunction.byKey("cos"));
        assertEquals("unknown target function 'cos'; known: sin, abs, gaussian, sawtooth", e.getMessage());
        assertEquals(TargetFunction.ABS, TargetFunction.byKey("ABS"));
        assertEquals(1, TargetFunction.SAWTOOTH.apply(0), 1e-15);
        assertEquals(0, TargetFunction.SAWTOOTH.apply(1), 1e-15);
    }
}
