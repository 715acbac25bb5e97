package org.neuronkit.spark;

import java.io.Serializable;
import java.util.Arrays;

import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;

/**
 * What an executor needs to build the network being trained: input size, hidden layer sizes, their
 * activation, dropout, the output layer's size and loss, λ and the seed of the initial weights. A few
 * bytes, serialised into every task; the parameters travel separately as one flat float vector.
 *
 * <p>Hidden layer l computes a⁽ˡ⁾ = f(W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾), followed by inverted dropout with rate
 * {@code dropout} when it is &gt; 0; the output layer's activation belongs to the loss.
 */
record NetworkSpec(int inputs, int[] hidden, String activation, double dropout, int outputs, String loss,
                   double l2, long seed) implements Serializable {

    /** The network with freshly initialised weights (from {@link #seed()}); dropout masks seeded from it too. */
    Network build() {
        return build(seed);
    }

    /**
     * The network with weights initialised from {@link #seed()} and dropout masks drawn from
     * {@code dropoutSeed} (one per layer, derived from it), so that every partition draws its own masks.
     */
    Network build(long dropoutSeed) {
        NetworkBuilder builder = Network.builder(inputs);
        for (int l = 0; l < hidden.length; l++) {
            builder.dense(hidden[l], Activations.parse(activation));
            if (dropout > 0) {
                builder.dropout(dropout, dropoutSeed * 1_000_003L + l);
            }
        }
        return builder.output(outputs, Losses.parse(loss)).l2(l2).seed(seed).build();
    }

    @Override
    public String toString() {
        return "NetworkSpec(" + inputs + " → " + Arrays.toString(hidden) + " " + activation + ", dropout " + dropout
                + " → " + outputs + " " + loss + ", λ " + l2 + ", seed " + seed + ")";
    }
}
