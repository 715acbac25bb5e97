package org.neuronkit.spark;

import java.io.Serializable;

/**
 * How a label becomes the network's target row, and back: class indices become one-hot rows of C
 * entries; real values y become one standardised column t = (y − shift) / scale, and a prediction
 * t̂ becomes ŷ = shift + scale · t̂ (the scaling is stored in the regression model).
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

    /** The label a network output t̂ (of a regression network) stands for: shift + scale · t̂. */
    double label(double output) {
        return shift + scale * output;
    }
}
