package org.neuronkit.cuda13.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The engine's door for code in another class loader (backend-cuda13's GpuTrainer): static methods
 * whose parameters and results are JDK types only, so no class crosses the loaders. Failures are JDK
 * exceptions: IllegalStateException (no usable GPU; the message names what is missing),
 * IllegalArgumentException (an architecture or setting the kernels do not support), ArithmeticException
 * (a non-finite loss or gradient; the message names epoch and step).
 *
 * <p>With the system property {@code neuronkit.cuda13.device=reference} everything runs on the CPU reference
 * ({@link ReferenceOps}) instead of the GPU: the bridge's tests use it to train through the whole path on
 * machines without a GPU.
 */
public final class EngineEntry {
    /** The property that switches the engine to the CPU reference. */
    public static final String DEVICE_PROPERTY = "neuronkit.cuda13.device";

    private EngineEntry() {
    }

    /** Null when the GPU can be used, else the message naming what is missing. Opens and closes the device. */
    public static String preflight() {
        try (Ops ops = open()) {
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** The preflight's findings about the GPU, one fact per line; IllegalStateException when there is none. */
    public static String describeDevice() {
        try (Ops ops = open()) {
            return ops instanceof CudaOps cuda ? cuda.info().report() : ops.device();
        }
    }

    /** GPU 0, or the CPU reference when {@link #DEVICE_PROPERTY} says {@code reference}. */
    private static Ops open() {
        return "reference".equals(System.getProperty(DEVICE_PROPERTY)) ? new ReferenceOps() : CudaOps.open();
    }

    /**
     * Trains a network on GPU 0 and returns its parameters.
     *
     * @param sizes layer sizes, inputs first, classes last
     * @param activations one nn-core activation spec per hidden layer
     * @param l2 λ of the structural risk
     * @param optimizer an nn-core {@code Optimizer.spec()} string
     * @param parameters the flat parameters in {@link MlpSpec}'s layout
     * @param trainX training features, rows × sizes[0], row-major; trainY their classes
     * @param validationX validation features or null; validationY their classes
     * @param onEpoch receives {epoch, training risk, training accuracy, validation loss, validation accuracy,
     *     seconds, samples per second} after each epoch
     */
    public static float[] train(int[] sizes, String[] activations, double l2, String optimizer, float[] parameters, float[] trainX,
            int[] trainY, float[] validationX, int[] validationY, int batchSize, int epochs, long seed, Consumer<double[]> onEpoch) {
        List<HiddenActivation> hidden = new ArrayList<>();
        for (String spec : activations) {
            hidden.add(HiddenActivation.parse(spec));
        }
        MlpSpec spec = new MlpSpec(sizes, hidden, l2);
        OptimizerSpec update = OptimizerSpec.parse(optimizer);
        try (Ops ops = open()) {
            return train(ops, spec, update, parameters, trainX, trainY, validationX, validationY, batchSize, epochs, seed, onEpoch);
        }
    }

    /** {@link #train} on given {@link Ops}: gpu-check runs it on the GPU and on the CPU reference. */
    static float[] train(Ops ops, MlpSpec spec, OptimizerSpec update, float[] parameters, float[] trainX, int[] trainY, float[] validationX,
            int[] validationY, int batchSize, int epochs, long seed, Consumer<double[]> onEpoch) {
        DeviceData train = DeviceData.upload(ops, trainX, trainY, spec.inputs());
        DeviceData validation = validationX == null ? null : DeviceData.upload(ops, validationX, validationY, spec.inputs());
        Mlp mlp = new Mlp(ops, spec, update, parameters, batchSize);
        EpochTrainer trainer = new EpochTrainer(ops, mlp, batchSize, seed, train.rows());
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double[] result;
            try {
                result = trainer.epoch(epoch, train, validation);
            } catch (ArithmeticException e) {
                System.arraycopy(mlp.parameters(), 0, parameters, 0, parameters.length);
                throw e;
            }
            double[] report = new double[result.length + 1];
            report[0] = epoch;
            System.arraycopy(result, 0, report, 1, result.length);
            onEpoch.accept(report);
        }
        return mlp.parameters();
    }
}
