package org.neuronkit.autodiff.examples;

import java.util.Arrays;
import java.util.Locale;

import org.neuronkit.autodiff.Graph;
import org.neuronkit.autodiff.Node;
import org.neuronkit.autodiff.Tape;
import org.neuronkit.gradcheck.FiniteDifferences;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The cost argument of docs/chapter.md §5, measured: the gradient of one scalar loss with respect to n
 * parameters costs reverse mode one forward and one backward pass, whatever n; forward mode one
 * forward pass per parameter (n passes); central differences two loss evaluations per parameter
 * (2n passes).
 *
 * <p>The loss is a softmax classifier's mean cross-entropy on a fixed batch of 32 rows:
 * L(W) = CE(softmax(X Wᵀ), Y), W of shape 10 × n/10 (n = 10 uses 2 × 5), X 32 × n/10.
 *
 * <p>Run {@link #main} with an ND4J backend on the class path (see the report of issue 3 for the
 * command); JMH benchmarks in the {@code benchmarks} module call {@link #problem}, {@link #reverseMode},
 * {@link #forwardMode} and {@link #centralDifferences}.
 */
public final class GradientCost {
    private static final int BATCH = 32;

    private GradientCost() {}

    /** The fixed data and the parameters of the n-parameter problem. */
    public record Problem(INDArray weights, INDArray x, INDArray y) {
        public long parameterCount() {
            return weights.length();
        }
    }

    /** An n-parameter problem (n a multiple of 10, or 10), in double precision, from a seed. */
    public static Problem problem(int n, long seed) {
        int classes = n == 10 ? 2 : 10;
        int features = n / classes;
        Nd4j.getRandom().setSeed(seed);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, BATCH, classes);
        for (int i = 0; i < BATCH; i++) {
            y.putScalar(i, i % classes, 1.0);
        }
        return new Problem(Nd4j.randn(DataType.DOUBLE, classes, features).muli(0.1),
                Nd4j.randn(DataType.DOUBLE, BATCH, features), y);
    }

    /** L(W) in graph {@code g} with W the node {@code w}. */
    public static Node loss(Graph g, Node w, Problem p) {
        return g.constant("X", p.x()).matmul(w.transpose()).softmax().crossEntropy(g.constant("Y", p.y()));
    }

    /** ∇L by reverse mode: one forward and one backward pass. */
    public static INDArray reverseMode(Problem p) {
        Tape tape = new Tape(DataType.DOUBLE);
        Node w = tape.variable("W", p.weights());
        return tape.gradients(loss(tape, w, p), w).get(0);
    }

    /** ∇L by forward mode: one forward pass per parameter, each with the tangent along one coordinate. */
    public static INDArray forwardMode(Problem p) {
        INDArray grad = p.weights().ulike();
        INDArray flat = grad.reshape('c', new long[] {grad.length()});
        INDArray direction = Nd4j.zeros(DataType.DOUBLE, p.weights().shape());
        INDArray directionFlat = direction.reshape('c', new long[] {direction.length()});
        for (long j = 0; j < flat.length(); j++) {
            directionFlat.putScalar(j, 1.0);
            Tape tape = new Tape(DataType.DOUBLE);
            flat.putScalar(j, loss(tape, tape.variable("W", p.weights(), direction), p).tangent().getDouble(0));
            directionFlat.putScalar(j, 0.0);
        }
        return grad;
    }

    /** ∇L by central differences: two loss evaluations per parameter. */
    public static INDArray centralDifferences(Problem p) {
        return FiniteDifferences.centralGradient(w -> value(p), p.weights(), 1e-5);
    }

    /** L(W) alone: the cost unit, one forward pass. */
    public static double value(Problem p) {
        Tape tape = new Tape(DataType.DOUBLE);
        return loss(tape, tape.variable("W", p.weights()), p).value().getDouble(0);
    }

    /** Prints the time of each method for n = 10 … 10,000, in milliseconds and in forward passes. */
    public static void main(String[] args) {
        System.out.println("n\tforward pass ms\treverse ms\tforward-mode ms\tcentral-diff ms\treverse/pass\tforward-mode/pass\tcentral/pass");
        for (int n : new int[] {10, 100, 1000, 10000}) {
            Problem p = problem(n, 42);
            double pass = medianMillis(() -> value(p), 20, 15);
            double reverse = medianMillis(() -> reverseMode(p), 20, 15);
            int reps = n >= 10000 ? 1 : n >= 1000 ? 3 : 20;
            double forward = millis(() -> forwardMode(p), reps);
            double central = millis(() -> centralDifferences(p), reps);
            System.out.println(String.format(Locale.ROOT, "%d\t%.3f\t%.3f\t%.1f\t%.1f\t%.1f\t%.0f\t%.0f", n, pass, reverse,
                    forward, central, reverse / pass, forward / pass, central / pass));
        }
    }

    /** The median over {@code rounds} of the mean time of {@code reps} runs: robust to load from other processes. */
    static double medianMillis(Runnable task, int reps, int rounds) {
        double[] t = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            t[r] = millis(task, reps);
        }
        Arrays.sort(t);
        return t[rounds / 2];
    }

    /** Mean wall time of {@code task} over {@code reps} runs after as many warm-up runs. */
    static double millis(Runnable task, int reps) {
        for (int i = 0; i < reps; i++) {
            task.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            task.run();
        }
        return (System.nanoTime() - start) / 1e6 / reps;
    }
}
