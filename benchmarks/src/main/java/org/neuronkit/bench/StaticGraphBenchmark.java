package org.neuronkit.bench;

import java.util.concurrent.TimeUnit;

import org.neuronkit.autodiff.examples.StaticVersusDynamic;
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
 * What a static graph buys over a dynamic one: one gradient step of a two-hidden-layer perceptron
 * (tanh, softmax cross-entropy), recorded afresh on a Tape versus run on a StaticGraph compiled once
 * (planned order, reused value and gradient buffers). Shapes: batch × inputs → hidden → hidden → 10.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class StaticGraphBenchmark {

    /** "batch,inputs,hidden": a small network where per-op overhead dominates, and an MNIST-sized one. */
    @Param({"16,8,16", "64,784,256"})
    public String size;

    @Param({"dynamic", "static"})
    public String form;

    private StaticVersusDynamic.Step step;

    @Setup(Level.Trial)
    public void setUp() {
        String[] s = size.split(",");
        step = new StaticVersusDynamic.Step(Integer.parseInt(s[0]), Integer.parseInt(s[1]), Integer.parseInt(s[2]), 10,
                form.equals("static"));
    }

    @Benchmark
    public INDArray gradientStep() {
        return step.gradient();
    }
}
