package org.neuronkit.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.neuronkit.backend.Bf16Gemm;
import org.neuronkit.backend.CpuFeatures;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.optim.Sgd;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * One training step — forward, backward, plain SGD update — for NeuronKit and for Deeplearning4j on
 * the same workload, through each library's public API. With {@code input=fresh} (the users' path)
 * every step gets the next of {@link InputBatches#COUNT} different minibatches, more data than the
 * caches hold, as a program feeding new arrays does; {@code input=fixed} feeds one minibatch again
 * and again. One op is one step; {@link BenchMain} reports samples/s (ops/s × batch), GFLOP/s against
 * {@link GemmBenchmark} and the ratio to DL4J.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TrainStepBenchmark {

    static final double LEARNING_RATE = 1e-3;

    /** The workload's minibatches, already in memory. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"W1", "W2", "W3"})
        public Workload workload;
        @Param({"fresh", "fixed"})
        public String input;
        InputBatches batches;

        @Setup
        public void load() {
            batches = new InputBatches(workload, input, true);
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

    /**
     * NeuronKit in mixed precision, as {@code Trainer.precision(Precision.BF16)} runs its steps: the layers'
     * products in bf16 with fp32 sums ({@link Bf16Gemm}), everything else as {@link NeuronKit}.
     */
    @State(Scope.Thread)
    public static class NeuronKitBf16 {
        Network net;
        Optimizer sgd;
        Bf16Gemm.Run run;

        @Setup
        public void build(Batch batch) {
            CpuFeatures.probe().bf16Missing().ifPresent(why -> {
                throw new IllegalStateException(why);
            });
            Bf16Gemm gemm = Bf16Gemm.find();
            if (gemm == null) {
                throw new IllegalStateException("no backend on the classpath provides bf16 products");
            }
            net = NeuronKitMlp.build(batch.workload.sizes(), 42);
            net.layers().forEach(layer -> layer.useBf16Products(gemm));
            run = gemm.startRun(); // as Trainer.fit does around its bf16 steps
            sgd = new Sgd(LEARNING_RATE);
        }

        @TearDown
        public void endRun() {
            run.close();
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
        return step(batch, neuronkit.net, neuronkit.sgd);
    }

    @Benchmark
    public double neuronkitBf16(Batch batch, NeuronKitBf16 neuronkit) {
        return step(batch, neuronkit.net, neuronkit.sgd);
    }

    private static double step(Batch batch, Network net, Optimizer sgd) {
        long mark = NativeAllocations.mark();
        int k = batch.batches.next();
        double risk = net.computeGradient(batch.batches.x(k), batch.batches.y(k));
        sgd.step(net.parameters(), net.gradients());
        NativeAllocations.since(mark);
        return risk;
    }

    @Benchmark
    @Fork(jvmArgsAppend = Dl4jMlp.AS_SHIPPED)
    public double dl4j(Batch batch, Dl4j dl4j) {
        long mark = NativeAllocations.mark();
        int k = batch.batches.next();
        dl4j.net.fit(batch.batches.x(k), batch.batches.y(k));
        NativeAllocations.since(mark);
        return dl4j.net.score();
    }
}
