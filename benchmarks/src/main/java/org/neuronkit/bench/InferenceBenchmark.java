package org.neuronkit.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.network.Network;
import org.nd4j.linalg.learning.config.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Forward pass only — class probabilities of a minibatch in a new array — for NeuronKit and
 * Deeplearning4j. With {@code input=fresh} each call gets the next of {@link InputBatches#COUNT}
 * different arrays, as a service's requests do; {@code input=fixed} passes one array again and again.
 * One op is one batch; {@link BenchMain} reports samples/s and the share of the raw forward GEMMs
 * ({@link GemmBenchmark#forward}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InferenceBenchmark {

    @State(Scope.Thread)
    public static class Batch {
        @Param({"W1", "W2"})
        public Workload workload;
        @Param({"fresh", "fixed"})
        public String input;
        InputBatches batches;

        @Setup
        public void load() {
            batches = new InputBatches(workload, input, false);
        }
    }

    @State(Scope.Thread)
    public static class NeuronKit {
        Network net;

        @Setup
        public void build(Batch batch) {
            net = NeuronKitMlp.build(batch.workload.sizes(), 42);
        }
    }

    @State(Scope.Thread)
    public static class Dl4j {
        MultiLayerNetwork net;

        @Setup
        public void build(Batch batch) {
            net = Dl4jMlp.build(batch.workload.sizes(), new Sgd(TrainStepBenchmark.LEARNING_RATE), 42);
        }
    }

    @Benchmark
    public INDArray neuronkit(Batch batch, NeuronKit neuronkit) {
        long mark = NativeAllocations.mark();
        INDArray probabilities = neuronkit.net.output(batch.batches.x(batch.batches.next()));
        NativeAllocations.since(mark);
        return probabilities;
    }

    @Benchmark
    @Fork(jvmArgsAppend = Dl4jMlp.AS_SHIPPED)
    public INDArray dl4j(Batch batch, Dl4j dl4j) {
        long mark = NativeAllocations.mark();
        INDArray probabilities = dl4j.net.output(batch.batches.x(batch.batches.next()));
        NativeAllocations.since(mark);
        return probabilities;
    }
}
