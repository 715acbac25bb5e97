package org.neuronkit.layer;

import org.neuronkit.ConfigurationException;

/** A maxout layer, {@link Maxout}: {@code units} neurons of {@code pieces} affine pieces each; weights (pieces·units) × inputs. */
public record MaxoutSpec(int units, int pieces) implements NeuronsSpec {
    /** The most affine pieces of a maxout neuron. */
    public static final int MAX_PIECES = 4096;

    public MaxoutSpec {
        if (pieces <= 0 || pieces > MAX_PIECES) {
            throw new ConfigurationException("maxout pieces must be in 1.." + MAX_PIECES + ", got " + pieces);
        }
    }

    @Override
    public long weightCount(int inputSize) {
        return (long) inputSize * units * pieces;
    }

    @Override
    public Layer create(int inputSize) {
        return new Maxout(inputSize, units, pieces);
    }
}
