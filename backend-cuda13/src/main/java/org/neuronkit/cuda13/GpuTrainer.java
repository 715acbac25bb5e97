package org.neuronkit.cuda13;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.neuronkit.ConfigurationException;
import org.neuronkit.DataException;
import org.neuronkit.NumericalException;
import org.neuronkit.data.DataSet;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Optimizer;
import org.neuronkit.train.EpochResult;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingListener;
import org.neuronkit.train.TrainingPlan;
import org.neuronkit.train.TrainingReport;

/**
 * Minibatch training of a NeuronKit {@link Network} on a CUDA 13 GPU (Turing and newer; see the module's
 * README), with the same objective and update rules as {@link org.neuronkit.train.Trainer}: the structural
 * risk with λ on the weights, SGD, momentum or Adam at a constant learning rate, the finite check before
 * every update.
 *
 * <p>{@link #fit} copies the network's parameters and the data to the GPU once, trains there (cuBLAS
 * GEMMs and the engine's kernels, the minibatches gathered on the device in a seeded order of its own),
 * and copies the parameters back into the network. Listeners hear {@code onStart}, {@code onEpoch} and
 * {@code onEnd}; per-step callbacks are not made, since steps do not return to the host.
 *
 * <p>Refused before anything runs, with a {@link ConfigurationException}: a network with other layers than
 * {@link org.neuronkit.layer.Dense}, an activation or loss without a kernel (the message names the layer),
 * an unknown optimizer, and a machine without a usable GPU (the message names what is missing: driver,
 * libcudart / libcublas 13, compute capability).
 */
public final class GpuTrainer {
    /** The first words of the engine's preflight refusal (CudaPreflight.HEADER in cuda13-engine). */
    static final String ENGINE_REFUSAL = "The CUDA 13 engine cannot start on this machine:";
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final List<TrainingListener> listeners = new ArrayList<>();

    /** As {@link org.neuronkit.train.Trainer#Trainer(Optimizer, int, int, long)}. */
    public GpuTrainer(Optimizer optimizer, int batchSize, int epochs, long seed) {
        new Trainer(optimizer, batchSize, epochs, seed); // refuses bad settings with Trainer's own messages
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.epochs = epochs;
        this.seed = seed;
    }

    public GpuTrainer addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Null when this machine can train on its GPU, else the message naming what is missing. Loads the engine
     * and opens the GPU once.
     */
    public static String preflight() {
        return (String) EngineLoader.call("preflight", new Class<?>[0]);
    }

    /** Checks the machine and stops with a ConfigurationException naming what is missing. */
    public static void requireGpu() {
        String problem = preflight();
        if (problem != null) {
            throw noGpu(problem);
        }
    }

    private static ConfigurationException noGpu(String problem) {
        return new ConfigurationException(problem + "\nTo train on the CPU instead, leave out --device cuda (or use Trainer).");
    }

    /** GPU, compute capability, driver and library versions, one per line. */
    public static String describeDevice() {
        try {
            return (String) EngineLoader.call("describeDevice", new Class<?>[0]);
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage());
        }
    }

    /** Trains {@code network} on {@code train}, evaluating {@code validation} (may be null) after each epoch. */
    public TrainingReport fit(Network network, DataSet train, DataSet validation) {
        NetworkShape shape = NetworkShape.of(network);
        checkData(network, train, "training");
        if (validation != null) {
            checkData(network, validation, "validation");
        }
        float[] parameters = shape.parameters(network);
        List<EpochResult> results = new ArrayList<>();
        int batches = (train.size() + batchSize - 1) / batchSize;
        listeners.forEach(l -> l.onStart(new TrainingPlan(1, epochs, batches, train.size())));
        Consumer<double[]> onEpoch = r -> {
            EpochResult result = new EpochResult((int) r[0], r[1], r[2], r[3], r[4], optimizer.learningRate(), r[5], r[6]);
            results.add(result);
            listeners.forEach(l -> l.onEpoch(result));
        };
        Class<?>[] types = {int[].class, String[].class, double.class, String.class, float[].class, float[].class, int[].class,
            float[].class, int[].class, int.class, int.class, long.class, Consumer.class};
        float[] trained;
        try {
            trained = (float[]) EngineLoader.call("train", types, shape.sizes(), shape.activations(), shape.l2(), optimizer.spec().toString(),
                    parameters, features(train), train.labels(), validation == null ? null : features(validation),
                    validation == null ? null : validation.labels(), batchSize, epochs, seed, onEpoch);
        } catch (ArithmeticException e) {
            shape.setParameters(network, parameters);
            throw new NumericalException(e.getMessage());
        } catch (IllegalStateException e) {
            // the engine's preflight refusal comes before anything runs; other CUDA errors name their call
            throw e.getMessage().startsWith(ENGINE_REFUSAL) ? noGpu(e.getMessage()) : new ConfigurationException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(e.getMessage());
        }
        shape.setParameters(network, trained);
        double seconds = results.stream().mapToDouble(EpochResult::seconds).sum();
        TrainingReport report = new TrainingReport(results, seconds, (long) train.size() * results.size());
        listeners.forEach(l -> l.onEnd(report));
        return report;
    }

    private static float[] features(DataSet data) {
        return data.features().castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static void checkData(Network network, DataSet data, String role) {
        if (!data.isClassification()) {
            throw new DataException("the " + role + " data has no class labels; the CUDA 13 engine trains classifiers (softmax + cross-entropy)");
        }
        if (data.featureCount() != network.inputSize()) {
            throw new DataException("the " + role + " data has " + data.featureCount() + " features per sample, but the network's input layer expects "
                    + network.inputSize());
        }
        if (data.numClasses() != network.outputSize()) {
            throw new DataException("the " + role + " data has " + data.numClasses() + " classes, but the network has " + network.outputSize() + " outputs");
        }
    }
}
