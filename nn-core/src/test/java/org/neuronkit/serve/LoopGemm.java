package org.neuronkit.serve;

import org.bytedeco.javacpp.FloatPointer;
import org.neuronkit.backend.HostGemm;

/**
 * The {@link HostGemm} of nn-core's tests, which have no backend module: the textbook triple loop,
 * summed in double, C = α op(A) op(B) + β C, row-major. backend-cpu's tests check OpenBLAS's.
 */
public final class LoopGemm implements HostGemm {

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public void sgemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, FloatPointer a, int lda,
                      FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a.get(transposeA ? (long) p * lda + i : (long) i * lda + p)
                            * b.get(transposeB ? (long) j * ldb + p : (long) p * ldb + j);
                }
                long at = (long) i * ldc + j;
                c.put(at, (float) (alpha * sum + beta * c.get(at)));
            }
        }
    }

    @Override
    public void sgemv(int m, int n, float alpha, FloatPointer a, int lda, FloatPointer x, float beta, FloatPointer y) {
        sgemm(false, false, m, 1, n, alpha, a, lda, x, 1, beta, y, 1);
    }
}
