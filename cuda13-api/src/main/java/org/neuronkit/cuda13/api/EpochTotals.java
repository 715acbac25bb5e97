package org.neuronkit.cuda13.api;

/**
 * What one pass over a data set added up on the device.
 *
 * @param riskSum Σ over rows of the loss (in training plus the L1/L2 terms, weighted by the batch's rows), over the
 *     steps before the first non-finite one
 * @param correct rows whose prediction was the label (0 for regression)
 * @param rows the rows of the steps counted in riskSum
 * @param firstRisk the risk of the pass's first batch (its loss plus the L1/L2 terms), NaN for an evaluation
 * @param badStep the first step of the pass (from 1) whose loss or gradient was not finite, 0 if none;
 *     the parameters then keep their values from before that step
 */
public record EpochTotals(double riskSum, long correct, int rows, double firstRisk, int badStep) {
}
