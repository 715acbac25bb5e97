package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.netlib.util.intW;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Spark ML's native BLAS and LAPACK ({@code dev.ludovic.netlib}) run in the bundled OpenBLAS, so no
 * second OpenBLAS loads beside it (docs/design.md, "One OpenBLAS per process").
 */
class NetlibBindingTest {

    /** Packed upper A += α x xᵀ (netlib's {@code dspr}, the call that crashed with a second OpenBLAS), against the sum written out. */
    @Test
    void sparkMlsBlasRunsInTheBundledLibrary() {
        Nd4j.create(1);
        Path bundled = BundledOpenBlas.load().orElseThrow();
        assertEquals(bundled.toString(), System.getProperty("dev.ludovic.netlib.blas.nativeLibPath"));
        BLAS blas = BLAS.getInstance();
        assertInstanceOf(NativeBLAS.class, blas, "netlib fell back to " + blas.getClass().getName());

        int n = 4;
        double alpha = 0.5;
        double[] x = {1, -2, 3, 0.25};
        double[] packed = new double[n * (n + 1) / 2];
        for (int i = 0; i < packed.length; i++) packed[i] = i;
        double[] expected = packed.clone();
        for (int j = 0, at = 0; j < n; j++) {
            for (int i = 0; i <= j; i++, at++) expected[at] += alpha * x[i] * x[j];
        }
        blas.dspr("U", n, alpha, x, 1, packed);
        for (int i = 0; i < packed.length; i++) assertEquals(expected[i], packed[i], 1e-12, "A[" + i + "]");
    }

    /** The Cholesky factor of a 3×3 matrix (netlib's {@code dpotrf}), against L Lᵀ = A worked out by hand. */
    @Test
    void sparkMlsLapackRunsInTheBundledLibrary() {
        Nd4j.create(1);
        assertEquals(BundledOpenBlas.load().orElseThrow().toString(), System.getProperty("dev.ludovic.netlib.lapack.nativeLibPath"));
        LAPACK lapack = LAPACK.getInstance();
        assertInstanceOf(NativeLAPACK.class, lapack, "netlib fell back to " + lapack.getClass().getName());

        // A = L Lᵀ with L = [[2,0,0],[1,3,0],[-1,2,1]], column-major; dpotrf("L") leaves L in the lower triangle.
        double[] a = {4, 2, -2, 2, 10, 5, -2, 5, 6};
        intW info = new intW(0);
        lapack.dpotrf("L", 3, a, 3, info);
        assertEquals(0, info.val);
        double[] lower = {2, 1, -1, 3, 2, 1};
        int[] at = {0, 1, 2, 4, 5, 8};
        for (int i = 0; i < at.length; i++) assertEquals(lower[i], a[at[i]], 1e-12, "L at " + at[i]);
    }

    @Test
    void aLibraryTheUserChoseIsKept() {
        Properties properties = new Properties();
        properties.setProperty("dev.ludovic.netlib.blas.nativeLib", "libmkl_rt.so");
        NetlibBinding.pointAt(Path.of("/opt/bundled/libopenblas.so.0"), properties);
        assertNull(properties.getProperty("dev.ludovic.netlib.blas.nativeLibPath"));
        assertEquals("libmkl_rt.so", properties.getProperty("dev.ludovic.netlib.blas.nativeLib"));
        assertEquals("/opt/bundled/libopenblas.so.0", properties.getProperty("dev.ludovic.netlib.lapack.nativeLibPath"));
    }
}
