package org.neuronkit.spark;

import java.io.Serializable;
import java.util.Map;

import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.data.Normalizer;

/**
 * How a label becomes the network's target row, and back: class indices become one-hot rows of C
 * entries; real values y become one standardised column t = (y − shift) / scale, and a prediction
 * t̂ becomes ŷ = shift + scale · t̂ (the scaling is stored in the model file as its target
 * normaliser, {@link #scaling()}, which every reader of the file undoes).
 */
record Targets(boolean classes, int outputs, double shift, double scale) implements Serializable {

    /** One-hot targets of {@code classes} classes. */
    static Targets classes(int classes) {
        return new Targets(true, classes, 0, 1);
    }

    /** One standardised column: t = (y − mean) / std (std 1 when the labels are constant). */
    static Targets standardised(double mean, double std) {
        return new Targets(false, 1, mean, std > 0 ? std : 1);
    }

    /** Writes the target row of {@code label} into {@code out} at {@code offset} (which holds zeros). */
    void write(float label, float[] out, int offset) {
        if (classes) {
            out[offset + (int) label] = 1f;
        } else {
            out[offset] = (float) ((label - shift) / scale);
        }
    }

    /**
     * The standardisation as the model file's target scaling ({@code ModelFile.Model#targetScaling}: its
     * readers, {@code Predictor} included, turn t̂ into ŷ), or null for class targets.
     */
    Normalizer scaling() {
        return classes ? null : Normalizer.restore("standardize",
                Map.of("shift", Nd4j.createFromArray(new double[] {shift}), "scale", Nd4j.createFromArray(new double[] {scale})));
    }

    /** The label a network output t̂ (of a regression network) stands for: shift + scale · t̂. */
    double label(double output) {
        return shift + scale * output;
    }

    /** The validation metric's name: {@code accuracy} for classes, {@code rmse} (in the label's units) for values. */
    String metricName() {
        return classes ? "accuracy" : "rmse";
    }

    /** One row's term of the metric: 1 for a correctly classified row (else 0), or the squared error (ŷ − y)². */
    double metricTerm(float[] output, float label) {
        if (classes) {
            return Scores.argMax(output) == (int) label ? 1 : 0;
        }
        double error = label(output[0]) - label;
        return error * error;
    }

    /** The metric from the mean of its rows' terms: the accuracy itself, or the root of the mean squared error. */
    double metric(double meanTerm) {
        return classes ? meanTerm : Math.sqrt(meanTerm);
    }
}
