package org.neuronkit.backend.cpu;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.neuronkit.backend.HostGemm;

/**
 * {@link HostGemm} through the OpenBLAS that the process's CBLAS symbols resolve to (the bundled
 * one, see {@link BundledOpenBlas}), by JavaCPP's bindings: one JNI call per product, no ND4J op.
 */
public final class CpuHostGemm implements HostGemm {

    @Override
    public boolean isActive() {
        return new CpuBackend().isActive();
    }

    @Override
    public void sgemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, FloatPointer a, int lda,
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
