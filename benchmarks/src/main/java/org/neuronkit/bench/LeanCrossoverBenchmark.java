package org.neuronkit.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.network.NetworkBuilder;
import org.neuronkit.serve.Predictor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where serving's lean path and the ND4J path cross: {@link Predictor#output} of the Fashion
 * network (784-256-128-10, {@code activation} hidden layers) on {@code rows} rows, a new input array
 * each call (8 in turn). Run it twice, the predictor forced onto one path by the fork's system
 * property: {@code -jvmArgsAppend -Dneuronkit.leanMaxRows=0} (ND4J) and {@code =1000000} (lean);
 * compare the medians (p0.50), which the shared machine disturbs least.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class LeanCrossoverBenchmark {
    @Param({"relu", "tanh"})
    public String activation;
    @Param({"64", "256", "1024", "4096"})
    public int rows;

    private Network network;
    private Predictor predictor;
    private INDArray[] inputs;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        NetworkBuilder builder = Network.builder(784).dataType(DataType.FLOAT).seed(42);
        builder.dense(256, Activations.parse(activation)).dense(128, Activations.parse(activation));
        network = builder.output(10, Losses.softmaxCrossEntropy()).build();
        predictor = Predictor.of(network);
        Nd4j.getRandom().setSeed(7);
        inputs = new INDArray[8];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = Nd4j.rand(DataType.FLOAT, rows, 784);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        predictor.close();
        network.close();
    }

    @Benchmark
    public INDArray output() {
        INDArray x = inputs[next++ % inputs.length].dup();
        try (INDArray y = predictor.output(x)) {
            x.close();
            return y;
        }
    }
}
