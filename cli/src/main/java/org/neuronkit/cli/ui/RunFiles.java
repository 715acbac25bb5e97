package org.neuronkit.cli.ui;

/**
 * The names of the files a training run writes into its folder that the dashboard reads. Each is
 * written whole and atomically by the run, so the dashboard reads either the old file or the new one,
 * never half of one.
 *
 * @param metrics one row per epoch (read with {@link org.neuronkit.cli.MetricsCsv})
 * @param settings the run's settings, JSON
 * @param report the final report, JSON (written once, when the run has finished)
 * @param gradients per-layer gradient norms, CSV with a header (rewritten after each epoch)
 */
public record RunFiles(String metrics, String settings, String report, String gradients) {
}
