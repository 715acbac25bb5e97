package org.neuronkit.cli;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.data.DataSet;
import org.neuronkit.eval.RegressionErrors;

/**
 * An ordinary-least-squares linear baseline for regression tests, in plain Java doubles: with X the
 * N × D features augmented by a column of ones, the coefficients β ((D+1) × K) solve the normal
 * equations XᵀX β = Xᵀy, by Gaussian elimination with partial pivoting.
 */
record LeastSquares(double[][] beta) {

    static LeastSquares fit(DataSet train) {
        double[][] x = train.features().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] y = train.targets().castTo(DataType.DOUBLE).toDoubleMatrix();
        int n = x.length;
        int d = x[0].length + 1;
        int k = y[0].length;
        double[][] a = new double[d][d + k];
        for (int i = 0; i < n; i++) {
            double[] row = augmented(x[i]);
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    a[p][q] += row[p] * row[q];
                }
                for (int t = 0; t < k; t++) {
                    a[p][d + t] += row[p] * y[i][t];
                }
            }
        }
        for (int col = 0; col < d; col++) {
            int pivot = col;
            for (int r = col + 1; r < d; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = a[col];
            a[col] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < d; r++) {
                if (r != col) {
                    double factor = a[r][col] / a[col][col];
                    for (int c = col; c < d + k; c++) {
                        a[r][c] -= factor * a[col][c];
                    }
                }
            }
        }
        double[][] beta = new double[d][k];
        for (int p = 0; p < d; p++) {
            for (int t = 0; t < k; t++) {
                beta[p][t] = a[p][d + t] / a[p][p];
            }
        }
        return new LeastSquares(beta);
    }

    /** The linear predictions for features N × D: N × K. */
    INDArray predict(INDArray features) {
        double[][] x = features.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] out = new double[x.length][beta[0].length];
        for (int i = 0; i < x.length; i++) {
            double[] row = augmented(x[i]);
            for (int t = 0; t < beta[0].length; t++) {
                for (int p = 0; p < row.length; p++) {
                    out[i][t] += row[p] * beta[p][t];
                }
            }
        }
        return Nd4j.createFromArray(out);
    }

    RegressionErrors errors(DataSet test) {
        return RegressionErrors.of(predict(test.features()), test.targets().castTo(DataType.DOUBLE));
    }

    private static double[] augmented(double[] features) {
        double[] row = new double[features.length + 1];
        System.arraycopy(features, 0, row, 0, features.length);
        row[features.length] = 1;
        return row;
    }
}
