package org.neuronkit.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuronkit.DataException;
import org.nd4j.linalg.factory.Nd4j;

class RegressionErrorsTest {

    @Test
    void errorsByHand() {
        double[][] y = {{1, 10}, {2, 20}, {3, 30}};
        double[][] yHat = {{1.5, 10}, {2, 18}, {2, 30}};
        RegressionErrors e = RegressionErrors.of(Nd4j.createFromArray(yHat), Nd4j.createFromArray(y));
        // errors 0.5, 0, 0, −2, −1, 0
        assertEquals((0.25 + 4 + 1) / 6, e.mse(), 1e-15);
        assertEquals(Math.sqrt(5.25 / 6), e.rmse(), 1e-15);
        assertEquals(3.5 / 6, e.mae(), 1e-15);
        // column means 2 and 20: Σ(y − ȳ)² = 2 + 200
        assertEquals(1 - 5.25 / 202, e.r2(), 1e-15);
        assertEquals(6, e.count());
        assertTrue(e.toString().startsWith("MSE 0.875000, RMSE 0.935414, MAE 0.583333, R² 0.9740"), e.toString());
    }

    @Test
    void perfectPredictionAndShapeMismatch() {
        var y = Nd4j.createFromArray(new double[][] {{1}, {4}});
        assertEquals(1.0, RegressionErrors.of(y, y).r2());
        assertEquals(0.0, RegressionErrors.of(y, y).mse());
        assertThrows(DataException.class, () -> RegressionErrors.of(y, Nd4j.ones(2, 2)));
    }
}
