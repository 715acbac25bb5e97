package org.neuronkit.cuda13.api;

/**
 * A labelled data set in host memory, uploaded once with {@link TrainingSession#upload}.
 *
 * @param features rows × inputs, row-major
 * @param classes one class index per row
 */
public record HostData(float[] features, int[] classes) {

    public int rows() {
        return classes.length;
    }
}
