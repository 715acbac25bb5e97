package org.neuronkit.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Optimizers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One optimizer step, {@code Optimizer.step(θ, g)}, on a FLOAT parameter buffer the size of the
 * Fashion-MNIST network's (784-256-128-10: 235,146 parameters), as {@code Trainer.fit} calls it after
 * each backward pass. Each call first writes the next of 8 stored gradients into the network's
 * gradient buffer (one copy, part of the time), so the step sees new values every call as in
 * training. {@link BenchMain} reports parameters/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OptimizerStepBenchmark {

    static final int PARAMETERS = 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10;

    /** Every optimizer of {@link Optimizers}, by name, at the learning rate 10⁻³. */
    @Param({"sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam", "adamw"})
    public String optimizer;

    private Optimizer rule;
    private INDArray parameters;
    private INDArray gradient;
    private final INDArray[] gradients = new INDArray[8];
    private int next;

    @Setup
    public void allocate() {
        Nd4j.getRandom().setSeed(5);
        rule = Optimizers.byName(optimizer, 1e-3);
        parameters = Nd4j.randn(DataType.FLOAT, PARAMETERS).muli(0.05);
        gradient = Nd4j.create(DataType.FLOAT, PARAMETERS);
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = Nd4j.randn(DataType.FLOAT, PARAMETERS).muli(1e-2);
        }
    }

    @Benchmark
    public INDArray step() {
        long mark = NativeAllocations.mark();
        gradient.assign(gradients[next]);
        next = (next + 1) % gradients.length;
        rule.step(parameters, gradient);
        NativeAllocations.since(mark);
        return parameters;
    }
}
