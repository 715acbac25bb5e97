package org.neuronkit.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * One training step — forward, backward, plain SGD update — on one in-memory minibatch, for
 * NeuronKit and for Deeplearning4j on the same workload. One op is one step; {@link BenchMain}
 * reports samples/s (ops/s × batch), GFLOP/s against {@link GemmBenchmark} and the ratio to DL4J.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainStepBenchmark {

    static final double LEARNING_RATE = 1e-3;

    /** The workload's minibatch, already in memory. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"W1", "W2", "W3"})
        public Workload workload;
        INDArray x;
        INDArray y;

        @Setup
        public void load() {
            x = workload.features(7);
            y = Workload.oneHot(workload.labels(7), workload.classes());
        }

        /** The fork's peak resident set, also without {@link NativeMemoryProfiler}. */
        @TearDown
        public void reportPeakRss() {
            System.out.printf("%npeak RSS of this fork (VmHWM): %.0f MB%n", NativeMemoryProfiler.peakRssMegabytes());
        }
    }

    @State(Scope.Thread)
    public static class NeuronKit {
        Network net;
        Optimizer sgd;

        @Setup
        public void build(Batch batch) {
            net = NeuronKitMlp.build(batch.workload.sizes(), 42);
            sgd = new Sgd(LEARNING_RATE);
        }
    }

    @State(Scope.Thread)
    public static class Dl4j {
        MultiLayerNetwork net;

        @Setup
        public void build(Batch batch) {
            net = Dl4jMlp.build(batch.workload.sizes(), new org.nd4j.linalg.learning.config.Sgd(LEARNING_RATE), 42);
        }
    }

    @Benchmark
    public double neuronkit(Batch batch, NeuronKit neuronkit) {
        long mark = NativeAllocations.mark();
        double risk = neuronkit.net.computeGradient(batch.x, batch.y);
        neuronkit.sgd.step(neuronkit.net.parameters(), neuronkit.net.gradients());
        NativeAllocations.since(mark);
        return risk;
    }

    @Benchmark
    public double dl4j(Batch batch, Dl4j dl4j) {
        long mark = NativeAllocations.mark();
        dl4j.net.fit(batch.x, batch.y);
        NativeAllocations.since(mark);
        return dl4j.net.score();
    }
}
