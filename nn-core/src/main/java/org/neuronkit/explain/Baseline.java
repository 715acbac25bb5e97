package org.neuronkit.explain;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.DataException;

/**
 * The reference input x′ of integrated gradients, in raw units (what {@link org.neuronkit.serve.Predictor}
 * takes): the point whose prediction the attributions are measured from. Zeros (a blank image),
 * the mean of the training rows, or any given row.
 *
 * <h2>Shapes</h2>
 * {@link #row(int)} is 1 × F, DOUBLE.
 */
public final class Baseline {
    private final INDArray row;
    private final String description;

    private Baseline(INDArray row, String description) {
        this.row = row;
        this.description = description;
    }

    /** x′ = 0. */
    public static Baseline zeros() {
        return new Baseline(null, "zeros");
    }

    /** x′ = the column means of {@code rows} (N × F, e.g. the training features). */
    public static Baseline mean(INDArray rows) {
        if (rows.rank() != 2 || rows.rows() < 1) {
            throw new DataException("the mean baseline needs an N × F matrix of rows (N ≥ 1), got shape "
                    + java.util.Arrays.toString(rows.shape()));
        }
        return new Baseline(rows.castTo(DataType.DOUBLE).mean(true, 0), "the mean of " + rows.rows() + " rows");
    }

    /** x′ = {@code values}, one raw row. */
    public static Baseline of(double[] values) {
        return new Baseline(Nd4j.createFromArray(new double[][] {values.clone()}), "a given row");
    }

    /** x′ as a 1 × {@code features} row. */
    public INDArray row(int features) {
        if (row == null) {
            return Nd4j.zeros(DataType.DOUBLE, 1, features);
        }
        if (row.columns() != features) {
            throw new DataException("the baseline (" + description + ") has " + row.columns() + " features, the model " + features);
        }
        return row.dup();
    }

    @Override
    public String toString() {
        return description;
    }
}
