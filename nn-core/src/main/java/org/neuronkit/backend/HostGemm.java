package org.neuronkit.backend;

import java.util.ServiceLoader;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Single-precision matrix products on host memory, called directly rather than through ND4J's op
 * dispatch: the seam through which serving's lean path ({@code org.neuronkit.serve}) reaches the
 * backend's BLAS. A backend whose arrays live in host memory registers one through
 * {@link ServiceLoader} ({@code META-INF/services/org.neuronkit.backend.HostGemm}); {@code nn-core}
 * never names it.
 *
 * <h2>Shapes</h2>
 * Row-major, as CBLAS's {@code CblasRowMajor}: C (m × n) = α · op(A) · op(B) + β · C, op(A) m × k,
 * op(B) k × n; {@code lda}, {@code ldb}, {@code ldc} are the row strides of A, B and C as stored.
 * y (m) = α · A x + β · y for A m × n. A pointer's {@link FloatPointer#position() position} is
 * where its matrix or vector starts.
 */
public interface HostGemm {

    /** Whether this implementation can run on the arrays of the ND4J backend that is loaded. */
    boolean isActive();

    /** C = α · op(A) · op(B) + β · C (CBLAS {@code sgemm}, row-major). */
    void sgemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, FloatPointer a, int lda,
               FloatPointer b, int ldb, float beta, FloatPointer c, int ldc);

    /**
     * y = α · A x + β · y (CBLAS {@code sgemv}, row-major, A not transposed, unit strides): a
     * single row's product, which a GEMM would spend packing A for.
     */
    void sgemv(int m, int n, float alpha, FloatPointer a, int lda, FloatPointer x, float beta, FloatPointer y);

    /** The active implementation on the classpath, or null when no backend provides one. */
    static HostGemm find() {
        for (HostGemm gemm : ServiceLoader.load(HostGemm.class)) {
            if (gemm.isActive()) {
                return gemm;
            }
        }
        return null;
    }
}
