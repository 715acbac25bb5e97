package org.neuronkit.bench;

import java.util.concurrent.TimeUnit;

import org.neuronkit.autodiff.examples.GradientCost;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * docs/chapter.md §5's cost argument: the gradient of a scalar loss of n parameters by reverse mode (≈ one
 * extra pass, independent of n), forward mode (n forward passes) and central differences (2n loss
 * evaluations), next to the cost unit, one forward pass ({@link #forwardPass}). Divide each time by
 * forwardPass's to read it in passes. The loss: softmax cross-entropy of X Wᵀ on 32 rows, W with
 * n entries ({@link GradientCost}).
 *
 * <p>Forward mode and central differences at n = 10,000 take seconds per call, hence single-shot
 * style settings: few iterations, each at least one call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class GradientCostBenchmark {

    @Param({"10", "100", "1000", "10000"})
    public int n;

    private GradientCost.Problem problem;

    @Setup(Level.Trial)
    public void setUp() {
        problem = GradientCost.problem(n, 42);
    }

    @Benchmark
    public double forwardPass() {
        return GradientCost.value(problem);
    }

    @Benchmark
    public INDArray reverseMode() {
        return GradientCost.reverseMode(problem);
    }

    @Benchmark
    public INDArray forwardMode() {
        return GradientCost.forwardMode(problem);
    }

    @Benchmark
    public INDArray centralDifferences() {
        return GradientCost.centralDifferences(problem);
    }
}
