package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.cuda13.api.ActivationPlan;
import org.neuronkit.cuda13.api.CudaEngine;
import org.neuronkit.cuda13.api.LossPlan;
import org.neuronkit.cuda13.api.NetworkPlan;
import org.neuronkit.cuda13.api.NoUsableGpuException;
import org.neuronkit.cuda13.api.UpdateRule;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;
import org.neuronkit.train.NonFinitePolicy;
import org.neuronkit.train.Trainer;
import org.neuronkit.train.TrainingDevices;

/** What the cuda device refuses, and how, before any work; and its engine's class loader. On a machine without a GPU (CI). */
class CudaDeviceTest {
    private static final DataSet DATA = DataSet.ofClasses(new double[][] {{0, 1, 2}, {1, 0, 2}, {2, 1, 0}, {0, 2, 1}}, new int[] {0, 1, 2, 1}, 3);

    private static String refusal(Network network) {
        return refusal(new Trainer(new Adam(0.01), 2, 1, 1), network);
    }

    private static String refusal(Trainer trainer, Network network) {
        return assertThrows(ConfigurationException.class, () -> trainer.device(new CudaDevice()).fit(network, DATA, null)).getMessage();
    }

    @Test
    void theRegisteredDeviceCalledCudaIsThisOne() {
        assertTrue(TrainingDevices.named("cuda") instanceof CudaDevice);
    }

    @Test
    void layersWithoutKernelsAreRefusedNamingTheLayer() {
        assertEquals("layer 1 (dropout): the CUDA 13 engine runs dropout after a hidden dense layer, not on the inputs; train this network on the CPU",
                refusal(Network.builder(3).dropout(0.5).dense(4, Activations.relu()).output(3, Losses.softmaxCrossEntropy()).seed(1)
                        .dataType(DataType.FLOAT).build()));
        assertTrue(refusal(Network.builder(3).maxout(4, 2).output(3, Losses.softmaxCrossEntropy()).seed(1).dataType(DataType.FLOAT).build())
                .startsWith("layer 1 (maxout): layer 'maxout' has no CUDA 13 kernel yet"));
    }

    @Test
    void activationsLossesAndSettingsWithoutKernelsAreRefusedByName() {
        String softmax = refusal(Network.builder(3).dense(4, Activations.relu()).dense(4, Activations.softmax()).output(3, Losses.softmaxCrossEntropy())
                .seed(1).dataType(DataType.FLOAT).build());
        assertTrue(softmax.startsWith("layer 2 (dense): activation 'softmax' has no CUDA 13 kernel: softmax is not element-wise: the engine "
                + "applies softmax only in its output layer, fused with the cross-entropy; the kernels have logistic, tanh, "), softmax);
        assertTrue(softmax.endsWith("; train this network on the CPU"), softmax);
        String learned = refusal(Network.builder(3).dense(4, Activations.swishLearnedPerLayer(1.0)).output(3, Losses.softmaxCrossEntropy())
                .seed(1).dataType(DataType.FLOAT).build());
        assertTrue(learned.startsWith("layer 1 (dense): activation 'swish(learn,1.0)' has no CUDA 13 kernel: its learned β has no gradient "
                + "kernel; use a fixed value, e.g. swish(1.0), or train on the CPU"), learned);
        // a regression loss's output activation goes through the same check as a hidden layer's
        Network learnedSwishOutput = Network.builder(3).dense(4, Activations.relu()).output(1, Losses.parse("squared-error(swish(learn,1.0))"))
                .seed(1).dataType(DataType.FLOAT).build();
        DataSet targets = DataSet.ofTargets(DATA.features(), Nd4j.create(new double[][] {{0.5}, {1}, {0}, {2}}));
        String learnedOutput = assertThrows(ConfigurationException.class, () -> new Trainer(new Adam(0.01), 2, 1, 1).device(new CudaDevice())
                .fit(learnedSwishOutput, targets, null)).getMessage();
        assertTrue(learnedOutput.startsWith("layer 2 (output): activation 'swish(learn,1.0)' has no CUDA 13 kernel: its learned β has no "
                + "gradient kernel; use a fixed value, e.g. swish(1.0), or train on the CPU"), learnedOutput);
        Network plain = Network.builder(3).dense(4, Activations.relu()).output(3, Losses.softmaxCrossEntropy()).seed(1).dataType(DataType.FLOAT).build();
        assertEquals("the non-finite policy skip has no CUDA 13 kernel yet: the engine stops at the first non-finite step (policy stop)",
                refusal(new Trainer(new Adam(0.01), 2, 1, 1).onNonFinite(NonFinitePolicy.SKIP), plain));
        Network doubles = Network.builder(3).dense(4, Activations.relu()).output(3, Losses.softmaxCrossEntropy()).seed(1).dataType(DataType.DOUBLE)
                .build();
        assertTrue(refusal(doubles).startsWith("the CUDA 13 engine trains in float32; the network's data type is DOUBLE"), refusal(doubles));
    }

    @Test
    void withoutAGpuTrainingStopsAtStartNamingWhatIsMissing() {
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia/version")), "this machine has an NVIDIA driver");
        String message = refusal(Network.builder(3).dense(4, Activations.relu()).output(3, Losses.softmaxCrossEntropy()).seed(1)
                .dataType(DataType.FLOAT).build());
        assertTrue(message.startsWith("The CUDA 13 engine cannot start on this machine:\n  - NVIDIA driver: libcuda.so.1 not found; "
                + "no NVIDIA kernel module is loaded (/proc/driver/nvidia/version is missing)"), message);
        assertTrue(message.contains("libraries were looked for in "), message);
        assertTrue(message.endsWith("To train on the CPU instead, leave out --device cuda."), message);
    }

    /** The bridge tells a machine without a GPU from a failed CUDA call by the refusal's type, shared across the class loaders. */
    @Test
    void theEnginesRefusalOfThisMachineCrossesTheClassLoaderAsNoUsableGpuException() {
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia/version")), "this machine has an NVIDIA driver");
        NetworkPlan network = new NetworkPlan(new int[] {3, 2}, new ActivationPlan[0],
                new LossPlan("softmax-cross-entropy", java.util.Map.of(), null, null), 0, 0, new float[8]);
        NoUsableGpuException e = assertThrows(NoUsableGpuException.class,
                () -> EngineLoader.engine().open(network, new UpdateRule("sgd", java.util.Map.of(), 6), 4));
        assertTrue(e.getMessage().startsWith(org.neuronkit.cuda13.engine.CudaPreflight.HEADER), e.getMessage());
    }

    @Test
    void theEngineRunsOnJavaCpp1513BesideNd4jsJavaCpp157AndSharesOnlyTheInterface() throws Exception {
        ClassLoader engine = EngineLoader.loader();
        Class<?> engineLoader = Class.forName("org.bytedeco.javacpp.Loader", false, engine);
        Class<?> appLoader = Class.forName("org.bytedeco.javacpp.Loader");
        assertTrue(engineLoader.getProtectionDomain().getCodeSource().getLocation().toString().contains("javacpp-1.5.13"),
                engineLoader.getProtectionDomain().getCodeSource().getLocation().toString());
        assertTrue(appLoader.getProtectionDomain().getCodeSource().getLocation().toString().contains("javacpp-1.5.7"),
                appLoader.getProtectionDomain().getCodeSource().getLocation().toString());
        assertTrue(engineLoader != appLoader);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.factory.Nd4j", false, engine));
        assertSame(CudaEngine.class, Class.forName(CudaEngine.class.getName(), false, engine), "one CudaEngine for both loaders");
        assertSame(engine, EngineLoader.engine().getClass().getClassLoader(), "the engine itself lives in its own loader");
    }
}
