package org.neuronkit.diagnostics;

import org.neuronkit.ConfigurationException;

/** One named curve of a figure: y[i] at x[i]. */
public record Series(String name, double[] x, double[] y) {

    public Series {
        if (x.length != y.length) {
            throw new ConfigurationException("series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        }
    }
}
