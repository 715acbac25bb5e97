package org.neuronkit.spark;

import java.util.List;
import org.neuronkit.ConfigurationException;
import org.neuronkit.train.Metric;

/**
 * The {@link Metric}s a fit's driver measures after each epoch, which early stopping and a plateau
 * schedule may watch: the validation risk, the validation accuracy (classes) or RMSE in the label's units
 * (values), and the training risk. Loads no Spark class, so the support matrix reads it too.
 */
final class DriverMetrics {
    static final List<Metric> MEASURED = List.of(Metric.VALIDATION_LOSS, Metric.VALIDATION_ACCURACY, Metric.VALIDATION_RMSE, Metric.TRAIN_LOSS);

    private DriverMetrics() {
    }

    /** Refuses, naming {@code user}, a metric the driver does not measure, or one this fit cannot (no validation rows, wrong task). */
    static void check(String user, Metric metric, boolean classes, boolean validation) {
        if (!MEASURED.contains(metric)) {
            throw new ConfigurationException(user + " watches " + metric + ", which nn-spark does not measure (it measures " + names() + ")");
        }
        metric.checkMeasurable(user, classes, validation);
    }

    /** The measured metrics' names, comma-separated. */
    static String names() {
        return String.join(", ", MEASURED.stream().map(Metric::metricName).toList());
    }
}
