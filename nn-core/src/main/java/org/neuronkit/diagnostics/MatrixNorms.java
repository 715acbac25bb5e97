package org.neuronkit.diagnostics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;

/** Matrix norms the gradient bounds need. */
public final class MatrixNorms {
    private MatrixNorms() {
    }

    /**
     * The spectral norm ‖W‖₂ = σ_max(W), the largest singular value: the smallest c with
     * ‖W v‖ ≤ c ‖v‖ for every v, so also ‖A W‖_F ≤ ‖A‖_F ‖W‖₂. Computed as √λ_max of the smaller Gram
     * matrix (WᵀW or WWᵀ) by LAPACK's symmetric eigensolver, in double precision.
     */
    public static double spectral(INDArray matrix) {
        INDArray w = matrix.castTo(DataType.DOUBLE);
        INDArray gram = w.rows() <= w.columns() ? w.mmul(w.transpose()) : w.transpose().mmul(w);
        INDArray eigenvalues = Eigen.symmetricGeneralizedEigenvalues(gram.dup('f'), false);
        return Math.sqrt(Math.max(0, eigenvalues.maxNumber().doubleValue()));
    }
}
