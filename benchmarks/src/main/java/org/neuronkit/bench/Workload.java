package org.neuronkit.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Random;

/**
 * The benchmarked networks: layer sizes (input first, classes last), ReLU hidden layers, softmax +
 * cross-entropy output, and the minibatch size of one training step.
 *
 * <p>A training step of a dense network performs, per layer l with M_{l-1} inputs, M_l outputs and
 * batch N, the forward product {@code Z = A Wᵀ} (N × M_{l-1} by M_l × M_{l-1}ᵀ), the weight gradient
 * {@code dW = Δᵀ A} and, except for the first layer, {@code dA = Δ W}: each 2·N·M_{l-1}·M_l
 * floating-point operations (docs/design.md, "Performance rules").
 */
public enum Workload {
    /** Wide: 784-1024-1024-10, batch 256 (GEMM-bound, about 1.8 M parameters). */
    W1(256, 784, 1024, 1024, 10),
    /** Medium, Fashion-MNIST sized: 784-256-128-10, batch 64. */
    W2(64, 784, 256, 128, 10),
    /** Tiny: 64-32-10, batch 32 (overhead-bound: per-op dispatch cost dominates). */
    W3(32, 64, 32, 10);

    private final int batch;
    private final int[] sizes;

    Workload(int batch, int... sizes) {
        this.batch = batch;
        this.sizes = sizes;
    }

    public int batch() {
        return batch;
    }

    /** Layer widths, input first and classes last. */
    public int[] sizes() {
        return sizes.clone();
    }

    public int inputs() {
        return sizes[0];
    }

    public int classes() {
        return sizes[sizes.length - 1];
    }

    /** Multiply-adds times two of the forward products of one batch. */
    public double forwardFlops() {
        double flops = 0;
        for (int l = 1; l < sizes.length; l++) {
            flops += 2.0 * batch * sizes[l - 1] * sizes[l];
        }
        return flops;
    }

    /** Flops of the GEMMs of one training step: forward, dW for every layer, dA for all but the first. */
    public double trainStepFlops() {
        return 3 * forwardFlops() - 2.0 * batch * sizes[0] * sizes[1];
    }

    /** Uniform [0,1) features of one batch, {@code batch × inputs}, float. */
    public INDArray features(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, batch, inputs());
    }

    /** Random class labels for one batch, seeded. */
    public int[] labels(long seed) {
        Random random = new Random(seed);
        int[] labels = new int[batch];
        Arrays.setAll(labels, i -> random.nextInt(classes()));
        return labels;
    }

    /** One-hot {@code batch × classes} float targets of the given labels. */
    public static INDArray oneHot(int[] labels, int classes) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, classes);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }
}
