package org.neuronkit.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Forward {@code a = f(z)} and backward {@code dL/dz = dL/da ⊙ f′(z)} of every activation on a
 * 256 × 1024 fp32 batch, into preallocated outputs. One op is one pass over the batch;
 * {@link BenchMain} reports elements/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ActivationBenchmark {

    static final int ROWS = 256;
    static final int COLUMNS = 1024;
    static final double ELEMENTS = (double) ROWS * COLUMNS;

    /** One spec per name of {@link Activations#names()}, parameters at their usual values. */
    @Param({"logistic", "tanh", "hardlogistic", "hardtanh", "relu", "leakyrelu(0.01)", "elu(1.0)", "selu", "softplus",
            "swish(1.0)", "swish(learn,1.0)", "swish(learn-neuron,1.0)", "gelu", "gelu-tanh", "gelu-sigmoid",
            "identity", "softmax"})
    public String spec;

    private Activation activation;
    private INDArray z;
    private INDArray a;
    private INDArray dLda;
    private INDArray dLdz;

    @Setup
    public void allocate() {
        activation = Activations.parse(spec);
        Nd4j.getRandom().setSeed(3);
        z = Nd4j.randn(DataType.FLOAT, ROWS, COLUMNS).muli(2);
        a = activation.apply(z);
        dLda = Nd4j.randn(DataType.FLOAT, ROWS, COLUMNS);
        dLdz = Nd4j.create(DataType.FLOAT, ROWS, COLUMNS);
    }

    @Benchmark
    public INDArray forward() {
        long mark = NativeAllocations.mark();
        activation.forward(z, a);
        NativeAllocations.since(mark);
        return a;
    }

    @Benchmark
    public INDArray backward() {
        long mark = NativeAllocations.mark();
        activation.backward(z, a, dLda, dLdz);
        NativeAllocations.since(mark);
        return dLdz;
    }
}
