package org.neuronkit.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.onnx.MlpGraph.floatAttribute;
import static org.neuronkit.onnx.MlpGraph.intAttribute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.neuronkit.ModelFileException;
import org.neuronkit.activation.Activations;
import org.neuronkit.data.BundledDatasets;
import org.neuronkit.data.DataSet;
import org.neuronkit.data.Normalizer;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.Dense;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.onnx.proto.Onnx.NodeProto;
import org.neuronkit.optim.Adam;
import org.neuronkit.train.Trainer;

/**
 * An imported network computes what ONNX Runtime computes on the source graph, for graphs in
 * PyTorch's and Keras's layouts; it can be saved, loaded and trained further; graphs it cannot
 * represent are refused with the node and its op type named.
 */
class OnnxImportTest {
    private static final double TOLERANCE = 1e-5;
    private static INDArray x;

    @BeforeAll
    static void data() {
        x = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling()).features().get(NDArrayIndex.interval(0, 150), NDArrayIndex.all());
    }

    @Test
    void pyTorchLinearStackPredictsWhatOnnxRuntimeComputes() {
        ModelProto model = new MlpGraph(64, 1)
                .linear(32).node("Relu")
                .linear(16).node("Tanh")
                .linear(10).node("Softmax", new AttributeProto[] {intAttribute("axis", 1)})
                .build(17);
        ModelFile.Model imported = assertSameOutputs(model);
        assertEquals("softmax-cross-entropy", imported.network().loss().spec());
        assertEquals("relu", ((Dense) imported.network().layers().get(0)).activation().spec());
        assertEquals(3, imported.network().layers().size());
    }

    @Test
    void kerasDenseStackPredictsWhatOnnxRuntimeComputes() {
        ModelProto model = new MlpGraph(64, 2)
                .dense(24).node("Elu", new AttributeProto[] {floatAttribute("alpha", 0.5f)}).node("Dropout")
                .dense(20).node("LeakyRelu", new AttributeProto[] {floatAttribute("alpha", 0.2f)}).node("Identity")
                .dense(12).node("Softplus")
                .dense(10).node("Sigmoid")
                .build(13);
        ModelFile.Model imported = assertSameOutputs(model);
        assertEquals("logistic-cross-entropy", imported.network().loss().spec());
        assertEquals(Activations.elu(0.5).spec(), ((Dense) imported.network().layers().get(0)).activation().spec());
        assertEquals(Activations.leakyRelu(0.2).spec(), ((Dense) imported.network().layers().get(1)).activation().spec());
    }

    @Test
    void gemmWithoutTransposeScaledWeightsAndLinearOutput() {
        ModelProto model = new MlpGraph(64, 3)
                .gemmScaled(16, 0.5f, 2f)
                .linear(8)
                .linear(3)
                .build(13);
        ModelFile.Model imported = assertSameOutputs(model);
        assertEquals(Losses.squaredError().spec(), imported.network().loss().spec());
        assertEquals("identity", ((Dense) imported.network().layers().get(0)).activation().spec());
    }

    @Test
    void exportedNetworkComesBackWithItsNormaliser() {
        DataSet digits = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling());
        Normalizer normalizer = Normalizer.minMax().fit(digits.features());
        Network network = OnnxExportTest.randomised(Network.builder(64).dense(12, Activations.elu(0.5))
                .output(10, Losses.softmaxCrossEntropy()).build());
        ModelFile.Model imported = OnnxImport.fromModel(OnnxExport.toModel(network, normalizer), Path.of("round-trip.onnx"));
        assertEquals("minmax", imported.normalizer().spec());
        INDArray raw = digits.features().get(NDArrayIndex.interval(0, 100), NDArrayIndex.all());
        double difference = OnnxRuntimeRunner.maxDifference(new ModelFile.Model(network, normalizer).output(raw).toFloatMatrix(),
                imported.output(raw).toFloatMatrix());
        assertTrue(difference <= TOLERANCE, "round trip differs by " + difference);
    }

    @Test
    void importedNetworkIsSavedAndFineTuned(@TempDir Path dir) throws IOException {
        Path onnx = dir.resolve("mlp.onnx");
        Files.write(onnx, new MlpGraph(64, 4).linear(16).node("Relu").linear(10).node("Softmax").build(17).toByteArray());
        Network network = OnnxImport.read(onnx).network();

        Path saved = dir.resolve("mlp.safetensors");
        ModelFile.save(network, null, saved);
        assertEquals(0, OnnxRuntimeRunner.maxDifference(network.output(x).toFloatMatrix(),
                ModelFile.load(saved).network().output(x).toFloatMatrix()));

        DataSet digits = BundledDatasets.digits().normalizedBy(BundledDatasets.digitsScaling());
        DataSet train = DataSet.ofClasses(digits.features().get(NDArrayIndex.interval(0, 600), NDArrayIndex.all()),
                java.util.Arrays.copyOf(digits.labels(), 600), 10);
        double before = network.risk(train.features(), train.targets());
        new Trainer(new Adam(0.01), 32, 5, 7).fit(network, train, null);
        double after = network.risk(train.features(), train.targets());
        assertTrue(after < 0.5 * before, "fine-tuning took the risk from " + before + " only to " + after);
    }

    @Test
    void anUnknownOpIsNamedWithItsNode() {
        ModelProto model = new MlpGraph(64, 5).linear(8).node("HardSwish").linear(2).build(13);
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxImport.fromModel(model, Path.of("conv.onnx")));
        assertTrue(e.getMessage().startsWith("file conv.onnx: node '/hardswish1/HardSwish' (HardSwish) is an op NeuronKit cannot import; supported: Gemm"),
                e.getMessage());
    }

    @Test
    void aParameterNeuronKitCannotTakeIsNamedWithItsNode() {
        ModelProto model = new MlpGraph(64, 8).linear(8).node("LeakyRelu", new AttributeProto[] {floatAttribute("alpha", 1.5f)})
                .linear(2).build(13);
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxImport.fromModel(model, Path.of("leaky.onnx")));
        assertTrue(e.getMessage().startsWith("file leaky.onnx: node '/leakyrelu1/LeakyRelu' (LeakyRelu): ") && e.getMessage().contains("1.5"),
                e.getMessage());
    }

    @Test
    void aBranchIsRefusedNamingTheNodes() {
        MlpGraph graph = new MlpGraph(64, 6).linear(8);
        String hidden = graph.current();
        graph.node("Relu");
        graph.addNode(NodeProto.newBuilder().setName("skip").setOpType("Add").addInput(graph.current()).addInput(hidden)
                .addOutput("sum").build());
        ModelProto model = graph.build(13).toBuilder()
                .setGraph(graph.build(13).getGraph().toBuilder().setOutput(0, graph.build(13).getGraph().getOutput(0).toBuilder().setName("sum")))
                .build();
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxImport.fromModel(model, Path.of("branch.onnx")));
        assertTrue(e.getMessage().contains("tensor '/gemm0/output_0' feeds 2 node(s)"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'skip' (Add)"), e.getMessage());
    }

    @Test
    void aWeightThatDoesNotFitIsNamed() {
        ModelProto model = new MlpGraph(64, 7).linear(8).build(13);
        ModelProto wrongInput = model.toBuilder().setGraph(model.getGraph().toBuilder().setInput(0,
                model.getGraph().getInput(0).toBuilder().setType(model.getGraph().getInput(0).getType().toBuilder()
                        .setTensorType(model.getGraph().getInput(0).getType().getTensorType().toBuilder()
                                .setShape(model.getGraph().getInput(0).getType().getTensorType().getShape().toBuilder()
                                        .setDim(1, model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(1)
                                                .toBuilder().setDimValue(63))))))).build();
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxImport.fromModel(wrongInput, Path.of("m.onnx")));
        assertTrue(e.getMessage().contains("node '/gemm0/Gemm' (Gemm): weight 'fc0.weight' maps 64 inputs to 8 outputs, but the tensor"
                + " before it has 63 columns"), e.getMessage());
    }

    @Test
    void aFileThatIsNotOnnxIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.onnx");
        Files.writeString(file, "this is not a protobuf message");
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxImport.read(file));
        assertTrue(e.getMessage().startsWith("file " + file + ": not an ONNX model"), e.getMessage());
    }

    /** Imports {@code model} and checks its output on the digits rows against ONNX Runtime's. */
    private static ModelFile.Model assertSameOutputs(ModelProto model) {
        ModelFile.Model imported = OnnxImport.fromModel(model, Path.of("test.onnx"));
        float[][] onnx = OnnxRuntimeRunner.run(model.toByteArray(), x);
        double difference = OnnxRuntimeRunner.maxDifference(onnx, imported.output(x).toFloatMatrix());
        assertTrue(difference <= TOLERANCE, "imported network differs from ONNX Runtime by " + difference);
        return imported;
    }
}
