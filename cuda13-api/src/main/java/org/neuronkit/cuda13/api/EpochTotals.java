package org.neuronkit.cuda13.api;

/**
 * What one pass over a data set added up on the device.
 *
 * @param riskSum Σ over rows of the loss (in training plus the L1/L2 terms, weighted by the batch's rows)
 * @param correct rows whose prediction was the label
 * @param rows the rows passed over
 * @param badStep the first step of the pass (from 1) whose loss or gradient was not finite, 0 if none;
 *     the parameters then keep their values from before that step
 */
public record EpochTotals(double riskSum, long correct, int rows, int badStep) {
}
