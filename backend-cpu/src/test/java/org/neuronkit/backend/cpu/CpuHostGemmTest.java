package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Random;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.backend.HostGemm;

/** The CPU backend's {@link HostGemm} is found and computes what the textbook loops compute. */
class CpuHostGemmTest {
    private final Random random = new Random(5);

    @Test
    void theCpuBackendProvidesTheHostGemm() {
        Nd4j.create(1);
        assertInstanceOf(CpuHostGemm.class, HostGemm.find());
    }

    @Test
    void sgemmMatchesLoopsForEveryTranspositionAndAnOffsetStart() {
        check(5, 7, 9);
    }

    /** 100 rows of a 64 × 128 product: cut into blocks of 32, 32, 32 and 4 rows, each on the calling thread. */
    @Test
    void aSmallProductCutIntoRowBlocksMatchesLoops() {
        check(100, 64, 128);
    }

    private void check(int m, int n, int k) {
        HostGemm gemm = new CpuHostGemm();
        int offset = 3;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                float[] a = values(m * k), b = values(k * n + offset), c = values(m * n);
                int lda = ta ? m : k, ldb = tb ? k : n;
                float[] expected = c.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int p = 0; p < k; p++) {
                            sum += (double) a[ta ? p * lda + i : i * lda + p] * b[offset + (tb ? j * ldb + p : p * ldb + j)];
                        }
                        expected[i * n + j] = (float) (0.5 * sum + 2 * c[i * n + j]);
                    }
                }
                try (FloatPointer pa = new FloatPointer(a); FloatPointer pb = new FloatPointer(b); FloatPointer pc = new FloatPointer(c)) {
                    gemm.sgemm(ta, tb, m, n, k, 0.5f, pa, lda, pb.position(offset), ldb, 2f, pc, n);
                    assertClose(expected, pc, "transposeA " + ta + ", transposeB " + tb);
                }
            }
        }
    }

    @Test
    void sgemvMatchesLoops() {
        int m = 6, n = 11;
        float[] a = values(m * n), x = values(n), y = values(m);
        float[] expected = new float[m];
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += (double) a[i * n + j] * x[j];
            }
            expected[i] = (float) (sum + 3 * y[i]);
        }
        try (FloatPointer pa = new FloatPointer(a); FloatPointer px = new FloatPointer(x); FloatPointer py = new FloatPointer(y)) {
            new CpuHostGemm().sgemv(m, n, 1f, pa, n, px, 3f, py);
            assertClose(expected, py, "sgemv");
        }
    }

    private float[] values(int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    private static void assertClose(float[] expected, FloatPointer actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.get(i), 1e-5 * Math.max(1, Math.abs(expected[i])), what + ", entry " + i);
        }
    }
}
