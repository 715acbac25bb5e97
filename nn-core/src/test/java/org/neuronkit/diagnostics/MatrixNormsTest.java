package org.neuronkit.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class MatrixNormsTest {

    @Test
    void spectralNormOfARankOneMatrixIsTheProductOfTheVectorNorms() {
        double[] u = {1, -2, 2};          // ‖u‖ = 3
        double[] v = {3, 0, 4, 0, 0};     // ‖v‖ = 5
        double[][] w = new double[3][5];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                w[i][j] = u[i] * v[j];
            }
        }
        assertEquals(15, MatrixNorms.spectral(Nd4j.create(w)), 1e-12);
        assertEquals(15, MatrixNorms.spectral(Nd4j.create(w).transpose()), 1e-12);
    }

    @Test
    void spectralNormOfATwoByTwoMatchesTheClosedForm() {
        // [[2, 1], [0, 1]]: σ_max² is the larger root of λ² − 6λ + 4 = 0, i.e. 3 + √5
        assertEquals(Math.sqrt(3 + Math.sqrt(5)), MatrixNorms.spectral(Nd4j.create(new double[][] {{2, 1}, {0, 1}})), 1e-12);
    }
}
