package org.neuronkit.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
                gemm.gemm(a, ta, b, tb, c);
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

    @Test
    void aShapeThatDoesNotMatchIsRefusedByName() {
        Bf16Gemm gemm = new DnnlBf16Gemm();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> gemm.gemm(Nd4j.create(DataType.FLOAT, 4, 3), false, Nd4j.create(DataType.FLOAT, 5, 2), false, Nd4j.create(DataType.FLOAT, 4, 2)));
        assertEquals("bf16 product shapes do not match: op(A) 4×3, op(B) 5×2, C 4×2", e.getMessage());
    }

    /** x rounded to the nearest bf16 (ties to even), as a float. */
    static float bf16(float x) {
        int bits = Float.floatToRawIntBits(x);
        bits += 0x7FFF + ((bits >>> 16) & 1);
        return Float.intBitsToFloat(bits & 0xFFFF0000);
    }
}
