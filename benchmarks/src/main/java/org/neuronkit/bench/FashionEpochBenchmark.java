package org.neuronkit.bench;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.data.DataSet;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * One epoch of Fashion-MNIST training — 60,000 images, 784-256-128-10 ReLU, softmax + cross-entropy,
 * Adam (learning rate 10⁻³), minibatches of 128 — for NeuronKit and Deeplearning4j. {@code neuronkitFit}
 * is the user's path, {@code Trainer.fit} on the whole data set; {@code neuronkit} and {@code dl4j}
 * run bare steps on minibatches cut before timing (pixels scaled to [0,1]). One op is one epoch
 * ({@link Mode#SingleShotTime}), so run it with a few iterations: {@code -wi 1 -i 3}.
 *
 * <p>The data directory is the {@code dataDir} parameter (default: the project's shared copy);
 * it must hold {@code train-images-idx3-ubyte.gz} and {@code train-labels-idx1-ubyte.gz}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FashionEpochBenchmark {

    static final int TRAIN_SIZE = 60_000;
    static final int BATCH = 128;
    static final int[] SIZES = {784, 256, 128, 10};
    static final double LEARNING_RATE = 1e-3;

    /** The training set as in-memory minibatches, in file order. */
    @State(Scope.Benchmark)
    public static class Epoch {
        @Param("/work/shared/datasets/fashion-mnist")
        public String dataDir;
        final List<INDArray> features = new ArrayList<>();
        final List<INDArray> targets = new ArrayList<>();
        DataSet all;

        @Setup
        public void load() {
            Path dir = Path.of(dataDir);
            float[][] images = IdxFile.images(dir.resolve("train-images-idx3-ubyte.gz"), TRAIN_SIZE);
            int[] labels = IdxFile.labels(dir.resolve("train-labels-idx1-ubyte.gz"), TRAIN_SIZE);
            all = DataSet.ofClasses(images, labels, SIZES[SIZES.length - 1]).castTo(DataType.FLOAT);
            for (int start = 0; start < TRAIN_SIZE; start += BATCH) {
                int end = Math.min(TRAIN_SIZE, start + BATCH);
                float[][] rows = Arrays.copyOfRange(images, start, end);
                features.add(Nd4j.create(rows).castTo(DataType.FLOAT));
                targets.add(Workload.oneHot(Arrays.copyOfRange(labels, start, end), SIZES[SIZES.length - 1]));
            }
        }
    }

    @State(Scope.Thread)
    public static class NeuronKit {
        Network net;
        Optimizer adam;

        @Setup(Level.Iteration)
        public void build() {
            net = NeuronKitMlp.build(SIZES, 42);
            adam = new Adam(LEARNING_RATE);
        }
    }

    @State(Scope.Thread)
    public static class Dl4j {
        MultiLayerNetwork net;

        @Setup(Level.Iteration)
        public void build() {
            net = Dl4jMlp.build(SIZES, new org.nd4j.linalg.learning.config.Adam(LEARNING_RATE), 42);
        }
    }

    @Benchmark
    public double neuronkit(Epoch epoch, NeuronKit neuronkit) {
        long mark = NativeAllocations.mark();
        double risk = 0;
        for (int b = 0; b < epoch.features.size(); b++) {
            risk = neuronkit.net.computeGradient(epoch.features.get(b), epoch.targets.get(b));
            neuronkit.adam.step(neuronkit.net.parameters(), neuronkit.net.gradients());
        }
        NativeAllocations.since(mark);
        return risk;
    }

    /** The same epoch as a user runs it: {@code Trainer.fit} on the whole data set (shuffled minibatches, accuracy counted, finite check). */
    @Benchmark
    public double neuronkitFit(Epoch epoch, NeuronKit neuronkit) {
        long mark = NativeAllocations.mark();
        TrainingReport report = new Trainer(neuronkit.adam, BATCH, 1, 42).fit(neuronkit.net, epoch.all, null);
        NativeAllocations.since(mark);
        return report.epochs().get(0).trainLoss();
    }

    @Benchmark
    @Fork(jvmArgsAppend = Dl4jMlp.AS_SHIPPED)
    public double dl4j(Epoch epoch, Dl4j dl4j) {
        long mark = NativeAllocations.mark();
        for (int b = 0; b < epoch.features.size(); b++) {
            dl4j.net.fit(epoch.features.get(b), epoch.targets.get(b));
        }
        NativeAllocations.since(mark);
        return dl4j.net.score();
    }

    /** Just enough of the IDX format (big-endian magic, counts, unsigned bytes) for this benchmark. */
    static final class IdxFile {
        private IdxFile() {
        }

        static float[][] images(Path file, int count) {
            try (DataInputStream in = open(file, 0x803)) {
                int n = in.readInt();
                int pixels = in.readInt() * in.readInt();
                check(file, n, count);
                byte[] raw = new byte[pixels];
                float[][] images = new float[count][pixels];
                for (int i = 0; i < count; i++) {
                    in.readFully(raw);
                    for (int p = 0; p < pixels; p++) {
                        images[i][p] = (raw[p] & 0xff) / 255f;
                    }
                }
                return images;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        static int[] labels(Path file, int count) {
            try (DataInputStream in = open(file, 0x801)) {
                check(file, in.readInt(), count);
                int[] labels = new int[count];
                for (int i = 0; i < count; i++) {
                    labels[i] = in.readUnsignedByte();
                }
                return labels;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        private static DataInputStream open(Path file, int magic) throws IOException {
            DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16));
            int found = in.readInt();
            if (found != magic) {
                in.close();
                throw new IOException(file + ": IDX magic number 0x" + Integer.toHexString(found)
                        + ", expected 0x" + Integer.toHexString(magic));
            }
            return in;
        }

        private static void check(Path file, int n, int count) throws IOException {
            if (n < count) {
                throw new IOException(file + " holds " + n + " items, the benchmark needs " + count);
            }
        }
    }
}
