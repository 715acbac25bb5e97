package org.neuronkit.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.neuronkit.network.Network;
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
 * Serving one model to many threads, as a service does: every call builds a new input array from
 * the request's rows (W2's 784-256-128-10 network, {@code rows} rows per request) and gets the class
 * probabilities back. NeuronKit's thread-safe {@link Predictor} (one shared parameter buffer, pooled
 * replicas, no lock) beside one Deeplearning4j {@code MultiLayerNetwork} shared under a lock, which
 * is how a DL4J model is shared without {@code ParallelInference}. Run with {@code -t 1}, {@code -t 2},
 * {@code -t 4} for throughput ({@code -bm thrpt}) and {@code -bm sample} for latency percentiles.
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PredictorBenchmark {

    @State(Scope.Benchmark)
    public static class Model {
        @Param({"1", "64"})
        public int rows;
        Network network;
        Predictor predictor;
        MultiLayerNetwork dl4j;

        @Setup(Level.Trial)
        public void build() {
            network = NeuronKitMlp.build(Workload.W2.sizes(), 42);
            predictor = Predictor.of(network);
            dl4j = Dl4jMlp.build(Workload.W2.sizes(), new Sgd(TrainStepBenchmark.LEARNING_RATE), 42);
        }

        @TearDown(Level.Trial)
        public void close() {
            predictor.close();
            network.close();
        }
    }

    /** One thread's requests: fresh random rows of pixel values in [0, 1]. */
    @State(Scope.Thread)
    public static class Request {
        float[][] rows;
        Random random;

        @Setup(Level.Trial)
        public void draw(Model model) {
            random = new Random(Thread.currentThread().getId());
            rows = new float[model.rows][Workload.W2.sizes()[0]];
            for (float[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = random.nextFloat();
                }
            }
        }

        /** The next request's input array (one value changed, so no two requests are alike). */
        INDArray next() {
            rows[0][random.nextInt(rows[0].length)] = random.nextFloat();
            return Nd4j.create(rows);
        }
    }

    @Benchmark
    public INDArray predictor(Model model, Request request) {
        try (INDArray x = request.next()) {
            return model.predictor.output(x);
        }
    }

    @Benchmark
    public INDArray dl4jLocked(Model model, Request request) {
        try (INDArray x = request.next()) {
            synchronized (model.dl4j) {
                return model.dl4j.output(x);
            }
        }
    }
}
