package org.neuronkit.explain;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Integrated-gradients attributions of N rows: row n's attribution to feature i, the class each row
 * was explained for, and the model's outputs F(x_n) and F(x′) for that class (F as
 * {@link org.neuronkit.serve.Predictor#output} gives it), from which completeness is checked:
 * Σ_i IG_ni = F(x_n) − F(x′) up to the quadrature error.
 *
 * <h2>Shapes</h2>
 * values is N × F (DOUBLE); classes, outputs and baselineOutputs have N entries.
 */
public record Attributions(INDArray values, int[] classes, double[] outputs, double[] baselineOutputs, int steps) {

    /** |Σ_i IG_ni − (F(x_n) − F(x′))|, how far row n is from completeness. */
    public double completenessError(int n) {
        return Math.abs(values.getRow(n).sumNumber().doubleValue() - (outputs[n] - baselineOutputs[n]));
    }

    /** The largest {@link #completenessError} over the rows. */
    public double worstCompletenessError() {
        double worst = 0;
        for (int n = 0; n < classes.length; n++) {
            worst = Math.max(worst, completenessError(n));
        }
        return worst;
    }
}
