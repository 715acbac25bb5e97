package org.neuronkit.spark;

import java.io.Serializable;

/** Turns the network's output row for an input row into the values of the model's output columns. */
interface RowScorer extends Serializable {

    /** The output columns' values for the model's output row {@code output} (C probabilities, or ŷ in the label's units). */
    Object[] values(float[] output);
}
