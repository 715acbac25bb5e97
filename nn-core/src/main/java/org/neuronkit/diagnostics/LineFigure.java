package org.neuronkit.diagnostics;

import java.util.List;

/**
 * The data of one line chart: what a figure shows, computed by the toolkit, ready to be drawn.
 *
 * @param id file stem, e.g. {@code swish}
 * @param title chart title
 * @param xLabel x-axis title
 * @param yLabel y-axis title
 * @param logY whether the y axis is logarithmic
 * @param series the curves
 */
public record LineFigure(String id, String title, String xLabel, String yLabel, boolean logY, List<Series> series) {

    public LineFigure {
        series = List.copyOf(series);
    }

    /** The curve called {@code name}. */
    public Series series(String name) {
        return series.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("figure " + id + " has no series '" + name + "'"));
    }
}
