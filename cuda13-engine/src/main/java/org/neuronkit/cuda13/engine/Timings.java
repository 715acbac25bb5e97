package org.neuronkit.cuda13.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.neuronkit.cuda13.api.UpdateRule;

/**
 * gpu-check's fifth part: training steps per second of W1 (784-1024-1024-10, batch 256) and W2
 * (784-256-128-10, batch 64) with SGD, the raw GEMMs of the same steps, and whole epochs of a
 * Fashion-MNIST-shaped set (60,000 rows of 784 values in [0, 1), 10 classes; synthetic, since the check
 * carries no data: the time of a step does not depend on the values) with 784-256-128-10 and Adam, batch
 * 128, data uploaded once and shuffled on the device as {@link EpochTrainer} does in training.
 * The clock is read after {@link Ops#synchronize()}.
 */
final class Timings {
    /** The networks timed: W1, W2 and the Fashion-MNIST one. */
    static final MlpSpec W1 = relu(784, 1024, 1024, 10);
    static final MlpSpec W2 = relu(784, 256, 128, 10);
    static final MlpSpec FASHION = relu(784, 256, 128, 10);
    /** The optimizers timed, with PyTorch's defaults. */
    static final UpdateKind.Update SGD = UpdateKind.Update.of(new UpdateRule("sgd", java.util.Map.of(), 0));
    static final UpdateKind.Update ADAM = UpdateKind.Update.of(new UpdateRule("adam", java.util.Map.of("beta1", 0.9, "beta2", 0.999, "eps", 1e-8), 0));

    private final Ops ops;
    private final Random random = new Random(3);

    Timings(Ops ops) {
        this.ops = ops;
    }

    static MlpSpec relu(int... sizes) {
        List<HiddenActivation> hidden = new ArrayList<>();
        for (int l = 1; l < sizes.length - 1; l++) {
            hidden.add(HiddenActivation.parse("relu"));
        }
        return new MlpSpec(sizes, hidden);
    }

    /** He-style initial parameters: W ~ N(0, 2 / fan-in), b = 0. */
    float[] initialParameters(MlpSpec spec) {
        float[] p = new float[Math.toIntExact(spec.parameterCount())];
        for (int l = 0; l < spec.layers(); l++) {
            double scale = Math.sqrt(2.0 / spec.sizes()[l]);
            long from = spec.weightOffset(l);
            for (long i = 0; i < (long) spec.sizes()[l] * spec.sizes()[l + 1]; i++) {
                p[(int) (from + i)] = (float) (random.nextGaussian() * scale);
            }
        }
        for (int k = 0; k < spec.sameWidth().size(); k++) { // batch norm as nn-core starts it: γ = 1, β = 0, μ_run = 0, σ²_run = 1
            if (spec.sameWidth().get(k).kind() == SameWidthLayer.Kind.BATCH_NORM) {
                int at = (int) spec.normOffset(k);
                int w = spec.width(k);
                Arrays.fill(p, at, at + w, 1f);
                Arrays.fill(p, at + 3 * w, at + 4 * w, 1f);
            }
        }
        return p;
    }

    /** rows × cols values in [0, 1) and labels in [0, classes). */
    DeviceData data(int rows, int cols, int classes) {
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            y[r] = random.nextInt(classes);
        }
        return DeviceData.upload(ops, x, y, cols);
    }

    /** Training samples per second over {@code steps} steps after {@code warmup}, cycling over 8 resident batches. */
    double samplesPerSecond(MlpSpec spec, UpdateKind.Update optimizer, float learningRate, int batch, int warmup, int steps) {
        DeviceData data = data(8 * batch, spec.inputs(), spec.classes());
        Mlp mlp = new Mlp(ops, spec, optimizer, initialParameters(spec), batch);
        float[] rates = new float[warmup + steps];
        Arrays.fill(rates, learningRate);
        mlp.startEpoch(rates);
        for (int s = 0; s < warmup; s++) {
            DeviceData b = data.rows((s % 8) * batch, batch);
            mlp.step(b.features(), b.targets(), batch);
        }
        ops.synchronize();
        long start = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            DeviceData b = data.rows((s % 8) * batch, batch);
            mlp.step(b.features(), b.targets(), batch);
        }
        ops.synchronize();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (mlp.takeTotals(steps * batch).badStep() != 0) {
            throw new ArithmeticException("the timed training of " + spec.describe() + " produced a non-finite loss or gradient");
        }
        return steps * batch / seconds;
    }

    /** Samples per second if a step were only its GEMMs (forward, every dW, every dA but the first layer's). */
    double gemmCeiling(MlpSpec spec, int batch, int warmup, int rounds) {
        int widest = 0;
        for (int size : spec.sizes()) {
            widest = Math.max(widest, size);
        }
        Buffer a = ops.floats((long) batch * widest);
        Buffer b = ops.floats((long) batch * widest);
        Buffer w = ops.floats(spec.weightCount());
        long start = 0;
        for (int r = 0; r < warmup + rounds; r++) {
            if (r == warmup) {
                ops.synchronize();
                start = System.nanoTime();
            }
            for (int l = 0; l < spec.layers(); l++) {
                int in = spec.sizes()[l];
                int out = spec.sizes()[l + 1];
                Buffer wl = w.slice(spec.weightOffset(l), (long) in * out);
                ops.gemm(false, true, batch, out, in, a, wl, b);
                ops.gemm(true, false, out, in, batch, b, a, wl);
                if (l > 0) {
                    ops.gemm(false, false, batch, in, out, b, wl, a);
                }
            }
        }
        ops.synchronize();
        return (double) rounds * batch / ((System.nanoTime() - start) / 1e9);
    }

    /** GEMM floating-point operations of one training step (as counted by {@link #gemmCeiling}). */
    static double stepFlops(MlpSpec spec, int batch) {
        double flops = 0;
        for (int l = 0; l < spec.layers(); l++) {
            double mac = (double) batch * spec.sizes()[l] * spec.sizes()[l + 1];
            flops += 2 * mac * (l > 0 ? 3 : 2);
        }
        return flops;
    }

    /** Seconds of each of {@code epochs} epochs over {@code rows} rows after one warm-up epoch. */
    double[] epochSeconds(int rows, int batch, int epochs) {
        DeviceData train = data(rows, FASHION.inputs(), FASHION.classes());
        Mlp mlp = new Mlp(ops, FASHION, ADAM, initialParameters(FASHION), batch);
        EpochTrainer trainer = new EpochTrainer(ops, mlp, batch);
        float[] rates = new float[trainer.steps(rows)];
        Arrays.fill(rates, 1e-3f);
        trainer.epoch(train, rates, 1);
        double[] seconds = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            ops.synchronize();
            long start = System.nanoTime();
            trainer.epoch(train, rates, e + 2);
            seconds[e] = (System.nanoTime() - start) / 1e9;
        }
        return seconds;
    }
}
