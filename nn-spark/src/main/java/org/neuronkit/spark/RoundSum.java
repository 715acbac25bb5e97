package org.neuronkit.spark;

import java.io.Serializable;

/**
 * What a round's partitions add up with {@code treeAggregate}: Σ_p n_p·v_p for each partition's
 * vector v_p (its mean gradient, or its parameters and optimizer state after H local steps) weighted
 * by its row count n_p, Σ_p n_p·R_p for its risks, and Σ_p n_p. The driver divides by Σ_p n_p.
 */
final class RoundSum implements Serializable {
    private double[] sum;
    private double riskSum;
    private double metricSum;
    private long rows;

    /** Adds {@code weight}·{@code vector}. */
    void addVector(float[] vector, long weight) {
        if (sum == null) {
            sum = new double[vector.length];
        }
        for (int i = 0; i < vector.length; i++) {
            sum[i] += weight * (double) vector[i];
        }
    }

    /** Adds {@code rows} rows whose risks sum to {@code riskSum}. */
    void addRows(long rows, double riskSum) {
        this.rows += rows;
        this.riskSum += riskSum;
    }

    /** Adds {@code value} to the sum of a per-row metric (correct predictions, squared errors). */
    void addMetric(double value) {
        metricSum += value;
    }

    /** Adds another partition's (or subtree's) sums into this one and returns it. */
    RoundSum merge(RoundSum other) {
        if (other.sum != null) {
            if (sum == null) {
                sum = other.sum;
            } else {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += other.sum[i];
                }
            }
        }
        rows += other.rows;
        riskSum += other.riskSum;
        metricSum += other.metricSum;
        return this;
    }

    long rows() {
        return rows;
    }

    /** The row-weighted mean risk, (Σ n_p R_p) / Σ n_p. */
    double meanRisk() {
        return riskSum / rows;
    }

    /** The metric's mean over the rows, (Σ metric) / Σ n_p. */
    double meanMetric() {
        return metricSum / rows;
    }

    /** The row-weighted mean vector, (Σ n_p v_p) / Σ n_p, in float. */
    float[] mean() {
        return mean(0, sum.length);
    }

    /** Entries [from, to) of the row-weighted mean vector, in float. */
    float[] mean(int from, int to) {
        float[] out = new float[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[from + i] / rows);
        }
        return out;
    }
}
