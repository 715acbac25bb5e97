package org.neuronkit.cuda13.api;

/**
 * A data set in host memory, uploaded once with {@link TrainingSession#upload}: features and either one class
 * index per row (the cross-entropies) or a row of target numbers per row (the regression losses).
 *
 * @param features rows × inputs, row-major
 * @param classes one class index per row, or null
 * @param targets rows × outputs, row-major, or null
 * @param rows the number of rows
 */
public record HostData(float[] features, int[] classes, float[] targets, int rows) {

    public HostData {
        if ((classes == null) == (targets == null)) {
            throw new IllegalArgumentException("a data set has either class indices or target rows, not " + (classes == null ? "neither" : "both"));
        }
    }

    /** Features with one class index per row. */
    public static HostData ofClasses(float[] features, int[] classes) {
        return new HostData(features, classes, null, classes.length);
    }

    /** Features with a row of {@code outputs} target numbers per row. */
    public static HostData ofTargets(float[] features, float[] targets, int outputs) {
        return new HostData(features, null, targets, targets.length / outputs);
    }
}
