package org.neuronkit.cuda13;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.neuronkit.ConfigurationException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.DataSet;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.optim.Adam;

/** What GpuTrainer refuses, and how, on a machine without a GPU (CI). */
class GpuTrainerTest {
    private static final DataSet DATA = DataSet.ofClasses(new double[][] {{0, 1, 2}, {1, 0, 2}, {2, 1, 0}, {0, 2, 1}}, new int[] {0, 1, 2, 1}, 3);

    private static String refusal(Network network) {
        return assertThrows(ConfigurationException.class, () -> new GpuTrainer(new Adam(0.01), 2, 1, 1).fit(network, DATA, null)).getMessage();
    }

    @Test
    void rejectsLayersWithoutKernelsNamingTheLayer() {
        String maxout = refusal(Network.builder(3).maxout(4, 2).output(3, Losses.softmaxCrossEntropy()).seed(1).build());
        assertTrue(maxout.startsWith("layer 1, Maxout"), maxout);
        assertTrue(maxout.contains("dense layers only"), maxout);

        String dropout = refusal(Network.builder(3).dense(4, Activations.relu()).dropout(0.5).output(3, Losses.softmaxCrossEntropy()).seed(1).build());
        assertTrue(dropout.startsWith("layer 2, Dropout"), dropout);
    }

    @Test
    void rejectsActivationsAndLossesWithoutKernels() {
        String softmax = refusal(Network.builder(3).dense(4, Activations.relu()).dense(4, Activations.softmax()).output(3, Losses.softmaxCrossEntropy())
                .seed(1).build());
        assertTrue(softmax.startsWith("layer 2, Dense"), softmax);
        assertTrue(softmax.endsWith(": activation 'softmax' has no CUDA 13 kernel: softmax is not element-wise: the engine applies softmax only "
                + "in its output layer, fused with the cross-entropy; the kernels have logistic, tanh, hardlogistic, hardtanh, relu, "
                + "leakyrelu(γ), elu(γ), selu, softplus, swish(β), gelu, gelu-tanh, gelu-sigmoid, identity"), softmax);

        String learned = refusal(Network.builder(3).dense(4, Activations.swishLearnedPerLayer(1.0)).output(3, Losses.softmaxCrossEntropy())
                .seed(1).build());
        assertTrue(learned.startsWith("layer 1, Dense") && learned.contains("activation 'swish(learn,1.0)' has no CUDA 13 kernel: its learned β "
                + "has no gradient kernel; use a fixed value, e.g. swish(1.0), or train on the CPU"), learned);

        String loss = refusal(Network.builder(3).dense(4, Activations.relu()).output(3, Losses.logisticCrossEntropy()).seed(1).build());
        assertEquals("layer 2 (output): loss 'logistic-cross-entropy' has no CUDA 13 kernel; supported: softmax-cross-entropy", loss);
    }

    @Test
    void parametersRoundTripThroughTheEngineLayout() {
        Network network = Network.builder(3).dense(4, Activations.tanh()).output(3, Losses.softmaxCrossEntropy()).seed(3).dataType(DataType.FLOAT).build();
        NetworkShape shape = NetworkShape.of(network);
        float[] values = shape.parameters(network);
        assertEquals(network.parameterCount(), values.length);
        // W⁽¹⁾ row-major first: entry (j, i) of the 4 × 3 matrix at j·3 + i
        assertEquals(network.layers().get(0) instanceof org.neuronkit.layer.Dense d ? d.weights().getFloat(2, 1) : Float.NaN, values[2 * 3 + 1]);
        float[] changed = values.clone();
        for (int i = 0; i < changed.length; i++) {
            changed[i] = i * 0.5f;
        }
        shape.setParameters(network, changed);
        assertEquals(changed[changed.length - 1], ((org.neuronkit.layer.Dense) network.layers().get(1)).bias().getFloat(2));
        org.junit.jupiter.api.Assertions.assertArrayEquals(changed, shape.parameters(network));
    }

    @Test
    void withoutAGpuTrainingStopsAtStartNamingWhatIsMissing() {
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia/version")), "this machine has an NVIDIA driver");
        Network network = Network.builder(3).dense(4, Activations.relu()).output(3, Losses.softmaxCrossEntropy()).seed(1).build();
        String message = refusal(network);
        assertTrue(message.startsWith("The CUDA 13 engine cannot start on this machine:\n  - NVIDIA driver: libcuda.so.1 not found; "
                + "no NVIDIA kernel module is loaded (/proc/driver/nvidia/version is missing)"), message);
        assertTrue(message.contains("libraries were looked for in "), message);
        assertTrue(message.endsWith("To train on the CPU instead, leave out --device cuda (or use Trainer)."), message);
    }

    @Test
    void recognisesTheEnginesRefusal() {
        assertEquals(org.neuronkit.cuda13.engine.CudaPreflight.HEADER, GpuTrainer.ENGINE_REFUSAL);
    }

    @Test
    void theEngineRunsOnJavaCpp1513BesideNd4jsJavaCpp157() throws Exception {
        ClassLoader engine = EngineLoader.loader();
        Class<?> engineLoader = Class.forName("org.bytedeco.javacpp.Loader", false, engine);
        Class<?> appLoader = Class.forName("org.bytedeco.javacpp.Loader");
        assertTrue(engineLoader.getProtectionDomain().getCodeSource().getLocation().toString().contains("javacpp-1.5.13"),
                engineLoader.getProtectionDomain().getCodeSource().getLocation().toString());
        assertTrue(appLoader.getProtectionDomain().getCodeSource().getLocation().toString().contains("javacpp-1.5.7"),
                appLoader.getProtectionDomain().getCodeSource().getLocation().toString());
        assertTrue(engineLoader != appLoader);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.factory.Nd4j", false, engine));
    }
}
