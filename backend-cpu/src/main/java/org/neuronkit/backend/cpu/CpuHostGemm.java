package org.neuronkit.backend.cpu;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.neuronkit.backend.HostGemm;

/**
 * {@link HostGemm} through the OpenBLAS that the process's CBLAS symbols resolve to (the bundled
 * one, see {@link BundledOpenBlas}), by JavaCPP's bindings: one JNI call per product, no ND4J op.
 *
 * <p>OpenBLAS runs a product of m·n·k above {@value #SINGLE_THREAD_WORK} multiply-adds on all its
 * threads (its {@code SMP_THRESHOLD_MIN × GEMM_MULTITHREAD_THRESHOLD}), and the calling thread then
 * waits for the others; on a busy machine a descheduled worker stalled 64-row calls of a 64-128-10
 * network for milliseconds (docs/serving.md). So a product that is small in total is cut into blocks
 * of rows that each stay on the calling thread, as long as a block keeps at least
 * {@value #MIN_BLOCK_ROWS} rows (each block packs B again); larger products run whole, threaded.
 */
public final class CpuHostGemm implements HostGemm {
    /** OpenBLAS's single-thread limit on m·n·k, SMP_THRESHOLD_MIN (65,536) × GEMM_MULTITHREAD_THRESHOLD (4). */
    static final long SINGLE_THREAD_WORK = 65_536L * 4;
    /** The fewest rows a block may have: below it, packing B once per block costs more than threads save. */
    static final int MIN_BLOCK_ROWS = 8;

    @Override
    public boolean isActive() {
        return new CpuBackend().isActive();
    }

    @Override
    public void sgemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, FloatPointer a, int lda,
                      FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        long block = SINGLE_THREAD_WORK / Math.max(1L, (long) n * k);
        if (!transposeA && block >= MIN_BLOCK_ROWS && block < m) {
            for (int first = 0; first < m; first += (int) block) {
                int rows = (int) Math.min(block, m - first);
                run(false, transposeB, rows, n, k, alpha, new FloatPointer(a).position(a.position() + (long) first * lda), lda,
                        b, ldb, beta, new FloatPointer(c).position(c.position() + (long) first * ldc), ldc);
            }
            return;
        }
        run(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private static void run(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, FloatPointer a, int lda,
                            FloatPointer b, int ldb, float beta, FloatPointer c, int ldc) {
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transposeA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transposeB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    @Override
    public void sgemv(int m, int n, float alpha, FloatPointer a, int lda, FloatPointer x, float beta, FloatPointer y) {
        openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans, m, n, alpha, a, lda, x, 1,
                beta, y, 1);
    }
}
