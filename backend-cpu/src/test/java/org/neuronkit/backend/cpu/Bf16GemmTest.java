package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.backend.Bf16Gemm;

/**
 * oneDNN's bf16 products equal an independent computation: both factors rounded to bf16 here (round to
 * nearest even on the bits), products summed in double. What is left is fp32 summation error, at most
 * about k · 2⁻²⁴ · Σ|a||b| per element; the test allows k · 2⁻²² · Σ|a||b|. Plain fp32 products differ
 * from it by up to 2⁻⁸ relative, far outside that bound, so the test also shows the factors were rounded.
 */
class Bf16GemmTest {

    @Test
    void theCpuBackendProvidesBf16Products() {
        Nd4j.create(1);
        assertInstanceOf(DnnlBf16Gemm.class, Bf16Gemm.find());
    }

    /**
     * While a run of bf16 products is open, OpenBLAS has one thread (its idle workers would spin on the
     * cores oneDNN's threads use); overlapping runs put the count back only when the last one closes,
     * and closing a run twice changes nothing.
     */
    @Test
    void runsKeepOpenBlasOnOneThreadUntilTheLastOneCloses() {
        Nd4j.create(1);
        int before = Nd4j.factory().blas().getMaxThreads();
        Bf16Gemm.Run first = new DnnlBf16Gemm().startRun();
        assertEquals(1, Nd4j.factory().blas().getMaxThreads());
        Bf16Gemm.Run second = new DnnlBf16Gemm().startRun();
        first.close();
        first.close();
        assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "a run is still open");
        second.close();
        assertEquals(before, Nd4j.factory().blas().getMaxThreads());
    }

    @Test
    void everyTranspositionOfViewsWithAnOffsetMatchesRoundedFactorsSummedInDouble() {
        Bf16Gemm gemm = new DnnlBf16Gemm();
        int m = 37, n = 19, k = 70;
        Nd4j.getRandom().setSeed(3);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                // A and B are row ranges of larger arrays: their data starts at an offset
                INDArray aWhole = Nd4j.randn(DataType.FLOAT, (ta ? k : m) + 5, ta ? m : k);
                INDArray a = aWhole.get(NDArrayIndex.interval(5, aWhole.rows()), NDArrayIndex.all());
                INDArray bWhole = Nd4j.randn(DataType.FLOAT, (tb ? n : k) + 2, tb ? k : n);
                INDArray b = bWhole.get(NDArrayIndex.interval(2, bWhole.rows()), NDArrayIndex.all());
                INDArray c = Nd4j.create(DataType.FLOAT, m, n).assign(Float.NaN);
                gemm.gemm(gemm.round(a, null), ta, gemm.round(b, null), tb, c);
                INDArray opA = ta ? a.transpose() : a, opB = tb ? b.transpose() : b;
                double furthestFromFp32 = 0;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double rounded = 0, exact = 0, magnitude = 0;
                        for (int p = 0; p < k; p++) {
                            float x = opA.getFloat(i, p), y = opB.getFloat(p, j);
                            rounded += (double) bf16(x) * bf16(y);
                            exact += (double) x * y;
                            magnitude += Math.abs((double) x * y);
                        }
                        double got = c.getFloat(i, j);
                        assertEquals(rounded, got, k * Math.scalb(magnitude, -22), "C[" + i + "," + j + "], transposeA " + ta + ", transposeB " + tb);
                        furthestFromFp32 = Math.max(furthestFromFp32, Math.abs(got - exact) / magnitude);
                    }
                }
                assertTrue(furthestFromFp32 > Math.scalb(1.0, -12), "the factors were rounded to bf16: " + furthestFromFp32);
            }
        }
    }

    /**
     * A rounded copy is each value rounded to nearest even, whatever the source's layout (a transposed
     * view here); a copy with room is reused for a smaller matrix, and a larger one gets a new copy.
     */
    @Test
    void aRoundedCopyHoldsEachValueRoundedAndIsReusedWhenItHasRoom() {
        Bf16Gemm gemm = new DnnlBf16Gemm();
        Nd4j.getRandom().setSeed(5);
        INDArray source = Nd4j.randn(DataType.FLOAT, 9, 6).transpose(); // 6 × 9, column-major strides
        Bf16Gemm.Rounded copy = gemm.round(source, null);
        assertEquals(6, copy.rows());
        assertEquals(9, copy.columns());
        // read the copy back through a product with the identity: C = copy · I, exact in fp32
        INDArray identity = Nd4j.eye(9).castTo(DataType.FLOAT);
        INDArray c = Nd4j.create(DataType.FLOAT, 6, 9);
        gemm.gemm(copy, false, gemm.round(identity, null), false, c);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 9; j++) {
                assertEquals(bf16(source.getFloat(i, j)), c.getFloat(i, j), 0.0, "value " + i + "," + j);
            }
        }
        assertSame(copy, gemm.round(Nd4j.randn(DataType.FLOAT, 4, 9), copy), "a smaller matrix reuses the copy");
        Bf16Gemm.Rounded larger = gemm.round(Nd4j.randn(DataType.FLOAT, 8, 9), copy);
        assertNotSame(copy, larger);
        assertEquals(8, larger.rows());
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> gemm.gemm(copy, false, larger, true, Nd4j.create(DataType.FLOAT, 4, 8)));
        assertEquals("this bf16 copy was closed", closed.getMessage());
    }

    @Test
    void aShapeThatDoesNotMatchIsRefusedByName() {
        Bf16Gemm gemm = new DnnlBf16Gemm();
        Bf16Gemm.Rounded a = gemm.round(Nd4j.create(DataType.FLOAT, 4, 3), null);
        Bf16Gemm.Rounded b = gemm.round(Nd4j.create(DataType.FLOAT, 5, 2), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gemm.gemm(a, false, b, false, Nd4j.create(DataType.FLOAT, 4, 2)));
        assertEquals("bf16 product shapes do not match: op(A) 4×3, op(B) 5×2, C 4×2", e.getMessage());
        Bf16Gemm.Rounded foreign = new Bf16Gemm.Rounded() {
            @Override
            public long rows() {
                return 3;
            }

            @Override
            public long columns() {
                return 2;
            }

            @Override
            public void close() {
            }
        };
        IllegalArgumentException notOurs = assertThrows(IllegalArgumentException.class, () -> gemm.gemm(a, false, foreign, false, Nd4j.create(DataType.FLOAT, 4, 2)));
        assertTrue(notOurs.getMessage().startsWith("a bf16 product takes copies made by DnnlBf16Gemm.round; B is "), notOurs.getMessage());
        IllegalArgumentException notFloat = assertThrows(IllegalArgumentException.class, () -> gemm.round(Nd4j.create(DataType.DOUBLE, 2, 2), null));
        assertEquals("a bf16 product takes 2-D FLOAT matrices; the matrix to round is DOUBLE of shape [2, 2]", notFloat.getMessage());
    }

    /** x rounded to the nearest bf16 (ties to even), as a float. */
    static float bf16(float x) {
        int bits = Float.floatToRawIntBits(x);
        bits += 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }
}
