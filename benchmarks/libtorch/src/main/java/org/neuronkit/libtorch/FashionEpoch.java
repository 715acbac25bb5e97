package org.neuronkit.libtorch;

import static org.bytedeco.pytorch.global.torch.cross_entropy;
import static org.bytedeco.pytorch.global.torch.from_blob;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.randperm;
import static org.bytedeco.pytorch.global.torch.relu;
import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.bytedeco.pytorch.global.torch.get_num_threads;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * One Fashion-MNIST training epoch in libtorch, as {@code benchmarks/pytorch/fashion_epoch.py} runs it in
 * Python and {@code FashionEpochBenchmark.neuronkitFit} in NeuronKit: 784-256-128-10 ReLU, softmax
 * cross-entropy, Adam (learning rate 10⁻³), minibatches of 128 rows gathered from a new permutation,
 * pixels as float32 in [0, 1], the loss and the accuracy counted per batch. Each epoch trains a fresh
 * network; libtorch runs on every core ({@code set_num_threads}, PyTorch's own default). Prints one
 * line per epoch: seconds and samples/s.
 */
public final class FashionEpoch {
    private static final int BATCH = 128;

    /** The network: three linear layers, ReLU between them, logits out. */
    static final class Mlp extends Module {
        private final LinearImpl first;
        private final LinearImpl second;
        private final LinearImpl third;

        Mlp() {
            first = register_module("fc1", new LinearImpl(784, 256));
            second = register_module("fc2", new LinearImpl(256, 128));
            third = register_module("fc3", new LinearImpl(128, 10));
        }

        Tensor forward(Tensor x) {
            return third.forward(relu(second.forward(relu(first.forward(x)))));
        }
    }

    private FashionEpoch() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets/fashion-mnist");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        set_num_threads(Runtime.getRuntime().availableProcessors());
        float[] pixels = images(folder.resolve("train-images-idx3-ubyte.gz"));
        long[] classes = labels(folder.resolve("train-labels-idx1-ubyte.gz"));
        int n = classes.length;
        FloatPointer pixelMemory = new FloatPointer(pixels);
        LongPointer labelMemory = new LongPointer(classes);
        Tensor x = from_blob(pixelMemory, new long[] {n, 784}, new TensorOptions(torch.ScalarType.Float));
        Tensor y = from_blob(labelMemory, new long[] {n}, new TensorOptions(torch.ScalarType.Long));
        System.out.printf("libtorch %s (JavaCPP pytorch preset), %d threads, %d images%n", torch.class.getPackage().getImplementationVersion(), get_num_threads(), n);
        if (Boolean.getBoolean("libtorch.config")) {
            System.out.println(torch.show_config().getString());
            System.out.println(torch.get_parallel_info().getString());
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            manual_seed(42 + epoch);
            Mlp net = new Mlp();
            Adam adam = new Adam(net.parameters(), new AdamOptions(1e-3));
            long start = System.nanoTime();
            Tensor order = randperm(n);
            double lossSum = 0;
            long correct = 0;
            for (int from = 0; from < n; from += BATCH) {
                try (PointerScope step = new PointerScope()) { // frees the step's tensors now, as Python's reference counts do
                    Tensor rows = order.narrow(0, from, Math.min(BATCH, n - from));
                    Tensor xb = x.index_select(0, rows);
                    Tensor yb = y.index_select(0, rows);
                    Tensor logits = net.forward(xb);
                    Tensor loss = cross_entropy(logits, yb);
                    double value = loss.item_double();
                    if (!Double.isFinite(value)) {
                        throw new IllegalStateException("non-finite loss in epoch " + (epoch + 1));
                    }
                    adam.zero_grad();
                    loss.backward();
                    adam.step();
                    lossSum += value * rows.size(0);
                    correct += logits.argmax(new LongOptional(1), false).eq(yb).sum().item_long();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("epoch %d: %.3f s, %,.0f samples/s, loss %.4f, accuracy %.4f%n", epoch + 1, seconds, n / seconds,
                    lossSum / n, (double) correct / n);
        }
        pixelMemory.close();
        labelMemory.close();
    }

    /** The IDX image file's pixels, row after row, scaled to [0, 1]. */
    private static float[] images(Path file) throws IOException {
        try (DataInputStream in = open(file, 0x803)) {
            int count = in.readInt();
            int size = in.readInt() * in.readInt();
            byte[] raw = new byte[count * size];
            in.readFully(raw);
            float[] pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = (raw[i] & 0xff) / 255f;
            }
            return pixels;
        }
    }

    private static long[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file, 0x801)) {
            long[] labels = new long[in.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = in.readUnsignedByte();
            }
            return labels;
        }
    }

    private static DataInputStream open(Path file, int magic) throws IOException {
        DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16));
        int found = in.readInt();
        if (found != magic) {
            in.close();
            throw new IOException(file + ": IDX magic number 0x" + Integer.toHexString(found) + ", expected 0x" + Integer.toHexString(magic));
        }
        return in;
    }
}
