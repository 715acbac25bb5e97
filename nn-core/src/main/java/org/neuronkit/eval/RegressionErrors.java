package org.neuronkit.eval;

import java.util.Arrays;
import java.util.Locale;

import org.neuronkit.DataException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How far a regression network's outputs ŷ are from the targets y, over all N·K entries:
 * MSE = (1/NK) Σ (ŷ − y)², RMSE = √MSE, MAE = (1/NK) Σ |ŷ − y|, and the coefficient of
 * determination R² = 1 − Σ (ŷ − y)² / Σ (y − ȳ)² with ȳ the mean of each target column
 * (R² is NaN when every target column is constant).
 *
 * <h2>Shapes</h2>
 * predictions and targets N × K (the same shape).
 *
 * @param mse mean squared error
 * @param mae mean absolute error
 * @param r2 coefficient of determination
 * @param count number of entries N·K
 */
public record RegressionErrors(double mse, double mae, double r2, long count) {

    public static RegressionErrors of(INDArray predictions, INDArray targets) {
        if (!Arrays.equals(predictions.shape(), targets.shape()) || predictions.rank() != 2) {
            throw new DataException("predictions of shape " + Arrays.toString(predictions.shape())
                    + " do not match targets of shape " + Arrays.toString(targets.shape()));
        }
        INDArray y = targets.castTo(predictions.dataType());
        INDArray error = predictions.sub(y);
        double squared = error.norm2Number().doubleValue();
        squared *= squared;
        double absolute = error.norm1Number().doubleValue();
        double spread = y.sub(y.mean(0).reshape(1, y.columns())).norm2Number().doubleValue();
        long n = predictions.length();
        return new RegressionErrors(squared / n, absolute / n, spread == 0 ? Double.NaN : 1 - squared / (spread * spread), n);
    }

    public double rmse() {
        return Math.sqrt(mse);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "MSE %.6g, RMSE %.6g, MAE %.6g, R² %.4f (%d values)", mse, rmse(), mae, r2, count);
    }
}
