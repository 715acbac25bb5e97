package org.neuronkit.bench;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The baseline: the same multilayer perceptron as Deeplearning4j's {@link MultiLayerNetwork} —
 * ReLU hidden layers, softmax output with multi-class cross-entropy, fp32, and workspaces enabled
 * for training and inference as DL4J recommends.
 */
final class Dl4jMlp {
    /**
     * The JVM option of DL4J's forks: DL4J as its users get it, with ND4J's own OpenBLAS 0.3.19
     * rather than the newer one NeuronKit's CPU backend loads in its place (docs/design.md, "GEMM
     * library"), which would otherwise reach DL4J too, through the shared class path.
     */
    static final String AS_SHIPPED = "-Dneuronkit.openblas=nd4j";

    private Dl4jMlp() {
    }

    /** An initialised network with layer widths {@code sizes} (input first) trained by {@code updater}. */
    static MultiLayerNetwork build(int[] sizes, IUpdater updater, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int last = sizes.length - 1;
        for (int l = 1; l < last; l++) {
            list.layer(new DenseLayer.Builder().nIn(sizes[l - 1]).nOut(sizes[l]).activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(sizes[last - 1]).nOut(sizes[last]).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
