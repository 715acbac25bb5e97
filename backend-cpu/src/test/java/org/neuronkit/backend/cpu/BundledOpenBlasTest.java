package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The bundled OpenBLAS runs ND4J's GEMMs, computes them correctly, and gives way to ND4J's own
 * when asked to or when ND4J's was loaded first.
 */
class BundledOpenBlasTest {

    @Test
    void nd4jsGemmRunsInTheBundledLibrary() {
        Nd4j.create(1);
        Path sgemm = BundledOpenBlas.sgemmLibrary().orElseThrow();
        assertEquals(BundledOpenBlas.load().orElseThrow(), sgemm);
        assertTrue(sgemm.toString().contains("org/neuronkit/backend/cpu/openblas/linux-x86_64"), sgemm.toString());
        assertTrue(new CpuBackend().report().get("blas_library").startsWith("OpenBLAS 0.3.31"),
                new CpuBackend().report().toString());
    }

    /** C = A Bᵀ through ND4J (so through the bundled sgemm), against a plain double loop. */
    @Test
    void itsGemmMatchesAPlainLoop() {
        Random random = new Random(7);
        int m = 67, k = 131, n = 45;
        float[][] a = new float[m][k];
        float[][] b = new float[n][k];
        for (float[] row : a) {
            for (int j = 0; j < k; j++) row[j] = (float) random.nextGaussian();
        }
        for (float[] row : b) {
            for (int j = 0; j < k; j++) row[j] = (float) random.nextGaussian();
        }
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        Nd4j.gemm(Nd4j.createFromArray(a), Nd4j.createFromArray(b), c, false, true, 1.0, 0.0);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int p = 0; p < k; p++) expected += (double) a[i][p] * b[j][p];
                assertEquals(expected, c.getDouble(i, j), 1e-4 * Math.sqrt(k), "C[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void theSwitchKeepsNd4jsOwn() throws Exception {
        String output = ChildJvm.run(ThreadDefaultsProbe.class, List.of(), Map.of(), "-Dneuronkit.openblas=nd4j");
        assertTrue(output.contains("blas_library=ND4J's OpenBLAS") && output.contains("openblas-0.3.19"), output);
    }

    @Test
    void nd4jsOpenBlasLoadedFirstIsKeptWithAWarning() throws Exception {
        String output = ChildJvm.run(ThreadDefaultsProbe.class, List.of(), Map.of(), "natives-first");
        assertTrue(output.contains("blas_library=ND4J's OpenBLAS"), output);
        assertTrue(output.contains("WARN") && output.contains("keeps its own OpenBLAS 0.3.19"), output);
    }
}
