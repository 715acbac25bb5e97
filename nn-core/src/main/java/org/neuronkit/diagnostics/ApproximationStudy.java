package org.neuronkit.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizers;
import org.neuronkit.train.Trainer;

/**
 * Universal approximation (docs/chapter.md §3; Cybenko 1989, Hornik 1989), demonstrated: a continuous function on
 * a compact interval is fitted by φ(x) = Σ_m v_m σ(w_m x + b_m) + c, one hidden layer of M logistic
 * units and a linear output, trained on squared error, for several M. The error is measured on a grid
 * twice as fine as the training points, so half the points were never seen.
 */
public final class ApproximationStudy {

    /**
     * What to fit.
     *
     * @param target the function
     * @param widths the hidden widths M to try
     * @param samples evenly spaced training points on the target's interval
     * @param steps full-batch Adam steps per fit
     * @param learningRate Adam's α
     * @param seed initialisation seed
     */
    public record Config(TargetFunction target, int[] widths, int samples, int steps, double learningRate, long seed) {

        public Config {
            widths = widths.clone();
            for (int m : widths) {
                if (m < 1) {
                    throw new ConfigurationException("hidden widths must be ≥ 1, got " + m);
                }
            }
            if (widths.length == 0 || samples < 2 || steps < 1) {
                throw new ConfigurationException("the approximation study needs ≥ 1 width, ≥ 2 samples and ≥ 1 step; got "
                        + widths.length + " widths, " + samples + " samples, " + steps + " steps");
            }
        }

        /** M ∈ {1, 2, 4, 8, 16}, 60 points, 1000 full-batch Adam steps with α = 0.05, seed 42. */
        public static Config defaults(TargetFunction target) {
            return new Config(target, new int[] {1, 2, 4, 8, 16}, 60, 1000, 0.05, 42);
        }
    }

    /**
     * One width's fit on the evaluation grid.
     *
     * @param width M
     * @param prediction φ at each evaluation point
     * @param rmse root mean squared error on the evaluation grid
     * @param maxError largest absolute error on the evaluation grid
     */
    public record Fit(int width, double[] prediction, double rmse, double maxError) {
    }

    /**
     * @param target the function
     * @param x the evaluation grid
     * @param truth the function on the grid
     * @param fits one per width, in the order given
     */
    public record Result(TargetFunction target, double[] x, double[] truth, List<Fit> fits) {
    }

    private ApproximationStudy() {
    }

    public static Result run(Config config) {
        TargetFunction target = config.target();
        DataSet train = DataSet.ofTargets(column(grid(target, config.samples())), column(values(target, grid(target, config.samples()))));
        double[] x = grid(target, 2 * config.samples() - 1);
        double[] truth = values(target, x);
        INDArray evaluation = column(x);
        List<Fit> fits = new ArrayList<>();
        for (int width : config.widths()) {
            Network network = Network.builder(1).dataType(DataType.DOUBLE).seed(config.seed())
                    .dense(width, Activations.logistic()).output(1, Losses.squaredError()).build();
            new Trainer(Optimizers.byName("adam", config.learningRate()), config.samples(), config.steps(), config.seed())
                    .fit(network, train, null);
            double[] prediction = network.output(evaluation).toDoubleVector();
            double squares = 0;
            double max = 0;
            for (int i = 0; i < x.length; i++) {
                double error = prediction[i] - truth[i];
                squares += error * error;
                max = Math.max(max, Math.abs(error));
            }
            fits.add(new Fit(width, prediction, Math.sqrt(squares / x.length), max));
        }
        return new Result(target, x, truth, fits);
    }

    private static double[] grid(TargetFunction target, int points) {
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = target.from() + (target.to() - target.from()) * i / (points - 1);
        }
        return x;
    }

    private static double[] values(TargetFunction target, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = target.apply(x[i]);
        }
        return y;
    }

    private static INDArray column(double[] values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }
}
