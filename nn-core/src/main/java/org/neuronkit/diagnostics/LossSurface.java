package org.neuronkit.diagnostics;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.layer.Layer;
import org.neuronkit.loss.Loss;
import org.neuronkit.network.Network;

/**
 * The structural risk R(θ) of a network over a 2-D slice of its parameter space (docs/chapter.md §6,
 * non-convexity): R(θ₀ + a·d₁ + b·d₂) for a on one axis and b on the other, where θ₀ is the
 * network's parameters when the surface is computed and d₁, d₂ are directions in parameter space:
 * single parameters ({@link #parameterDirection}, so a and b are those parameters' values when
 * θ₀ = 0) or random directions ({@link #randomDirection}).
 *
 * <h2>Shapes</h2>
 * Directions are 1-D, of length {@link Network#parameterCount()}, laid out like
 * {@link Network#parameters()}. {@link Grid#risk()} is indexed [j][i] for (a_i, b_j).
 */
public final class LossSurface {

    /**
     * One axis of the grid: a direction and the evenly spaced coefficients along it.
     *
     * @param label axis title, e.g. {@code w₁}
     * @param direction 1-D direction in parameter space
     * @param from first coefficient
     * @param to last coefficient
     * @param points number of coefficients, ≥ 2
     */
    public record Axis(String label, INDArray direction, double from, double to, int points) {

        public Axis {
            if (points < 2 || !(to > from)) {
                throw new ConfigurationException("axis " + label + ": need ≥ 2 points and from < to, got " + points + " points on [" + from + ", " + to + "]");
            }
        }

        /** The i-th coefficient. */
        public double at(int i) {
            return from + (to - from) * i / (points - 1);
        }

        double[] values() {
            double[] values = new double[points];
            for (int i = 0; i < points; i++) {
                values[i] = at(i);
            }
            return values;
        }
    }

    /**
     * The computed surface.
     *
     * @param xLabel first axis title
     * @param yLabel second axis title
     * @param x coefficients along the first axis
     * @param y coefficients along the second axis
     * @param risk risk[j][i] = R(θ₀ + x[i]·d₁ + y[j]·d₂)
     */
    public record Grid(String xLabel, String yLabel, double[] x, double[] y, double[][] risk) {
    }

    private LossSurface() {
    }

    /**
     * R over the grid of {@code first} × {@code second} on the batch (x, y); the network's parameters
     * are restored afterwards. One forward pass per grid point.
     */
    public static Grid compute(Network network, INDArray x, INDArray y, Axis first, Axis second) {
        checkDirection(network, first);
        checkDirection(network, second);
        INDArray parameters = network.parameters();
        INDArray origin = parameters.dup();
        INDArray d1 = first.direction().castTo(parameters.dataType());
        INDArray d2 = second.direction().castTo(parameters.dataType());
        double[][] risk = new double[second.points()][first.points()];
        Level1 blas = Nd4j.getBlasWrapper().level1();
        try {
            for (int j = 0; j < second.points(); j++) {
                for (int i = 0; i < first.points(); i++) {
                    parameters.assign(origin);
                    blas.axpy(parameters.length(), first.at(i), d1, parameters);
                    blas.axpy(parameters.length(), second.at(j), d2, parameters);
                    risk[j][i] = network.risk(x, y);
                }
            }
        } finally {
            parameters.assign(origin);
        }
        return new Grid(first.label(), second.label(), first.values(), second.values(), risk);
    }

    /** The unit vector of parameter {@code index} of the flat buffer. */
    public static INDArray parameterDirection(Network network, long index) {
        if (index < 0 || index >= network.parameterCount()) {
            throw new ConfigurationException("parameter index " + index + " is outside the network's " + network.parameterCount() + " parameters");
        }
        INDArray direction = Nd4j.zeros(network.dataType(), network.parameterCount());
        direction.putScalar(index, 1.0);
        return direction;
    }

    /** The flat index of W⁽ˡ⁾[row, column] (layer 1-based, as in the chapter (docs/chapter.md)). */
    public static long weightIndex(Network network, int layer, int row, int column) {
        if (layer < 1 || layer > network.layers().size()) {
            throw new ConfigurationException("layer " + layer + " does not exist: the network has " + network.layers().size() + " layers");
        }
        Layer l = network.layers().get(layer - 1);
        if (row < 0 || column < 0 || column >= l.inputSize() || (long) row * l.inputSize() + column >= l.weightCount()) {
            throw new ConfigurationException("W of layer " + layer + " (" + l.describe() + ") has no entry [" + row + ", " + column + "]");
        }
        return WeightRegions.offset(network, layer - 1) + (long) row * l.inputSize() + column;
    }

    /**
     * A random direction over the weights (biases and activation parameters get 0), standard normal
     * entries from {@code seed}, scaled to unit length.
     */
    public static INDArray randomDirection(Network network, long seed) {
        Random random = new Random(seed);
        double[] values = new double[(int) network.parameterCount()];
        long weights = WeightRegions.total(network);
        for (int i = 0; i < weights; i++) {
            values[i] = random.nextGaussian();
        }
        INDArray direction = Nd4j.createFromArray(values).castTo(network.dataType());
        return direction.divi(direction.norm2Number());
    }

    /**
     * docs/chapter.md §6's 1-1-1 network y = σ(w₂ σ(w₁ x)): one logistic hidden neuron and one logistic output
     * neuron under {@code loss} (squared error after a logistic, or logistic cross-entropy). The chapter's
     * network has no biases: every parameter starts at 0 and the surface moves w₁ and w₂ only (flat
     * indices 0 and 1), so the biases stay 0.
     */
    public static Network oneOneOne(Loss loss) {
        Network network = Network.builder(1).dataType(DataType.DOUBLE)
                .dense(1, Activations.logistic()).output(1, loss).build();
        network.parameters().assign(0);
        return network;
    }

    private static void checkDirection(Network network, Axis axis) {
        if (axis.direction().length() != network.parameterCount()) {
            throw new ConfigurationException("direction of axis " + axis.label() + " has " + axis.direction().length()
                    + " entries, the network has " + network.parameterCount() + " parameters");
        }
    }
}
