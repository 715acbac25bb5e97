package org.neuronkit.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuronkit.onnx.MlpGraph.floatAttribute;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.neuronkit.ModelFileException;
import org.neuronkit.activation.Activation;
import org.neuronkit.activation.Activations;
import org.neuronkit.io.ModelFile;
import org.neuronkit.layer.Dense;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.onnx.proto.Onnx.NodeProto;

/**
 * ONNX's element-wise ops ({@link OnnxFunction#VOCABULARY}) against the registry's formulas: every op of the
 * vocabulary is what export writes for some registry activation, every activation exported as a single op
 * reads back through the op mapping alone (no NeuronKit metadata) as the same activation, and a foreign
 * graph's op imports as the activation that computes it (checked against ONNX Runtime) or is refused
 * saying what it computes.
 */
class OnnxFunctionTest {
    private static final INDArray X = Nd4j.randn(3L, new long[] {40, 6}).castTo(DataType.FLOAT).muli(2);

    @Test
    void everyOpOfTheVocabularyIsTheExportOfARegistryActivationAndReadsBackAsIt() {
        Set<String> used = new TreeSet<>();
        for (String example : Activations.REGISTRY.examples()) {
            Activation activation = Activations.parse(example);
            Network network = OnnxExportTest.randomised(Network.builder(6).dense(4, activation).output(2, Losses.squaredError()).build());
            ModelProto exported = OnnxExport.toModel(network, null);
            Set<String> ops = exported.getGraph().getNodeList().stream().filter(n -> n.getName().startsWith("layers.0/"))
                    .map(NodeProto::getOpType).collect(Collectors.toSet());
            ops.remove("Gemm");
            if (ops.size() == 1 && OnnxFunction.named(ops.iterator().next()).isPresent()) {
                used.addAll(ops);
                ModelProto byOps = exported.toBuilder().clearMetadataProps().build();
                ModelFile.Model imported = OnnxImport.fromModel(byOps, Path.of(example + ".onnx"));
                assertEquals(activation.spec(), ((Dense) imported.network().layers().get(0)).activation().spec(), example + " via " + ops);
                double difference = network.output(X).sub(imported.network().output(X)).amaxNumber().doubleValue();
                assertTrue(difference <= 1e-6, example + " via " + ops + " differs by " + difference);
            }
        }
        assertEquals(OnnxFunction.VOCABULARY.stream().map(OnnxFunction::op).collect(Collectors.toCollection(TreeSet::new)), used);
    }

    @Test
    void foreignOpsImportAsTheActivationThatComputesThem() {
        assertImports("selu", new MlpGraph(64, 1).linear(8).node("Selu").linear(3));
        assertImports("hardlogistic", new MlpGraph(64, 2).linear(8)
                .node("HardSigmoid", new AttributeProto[] {floatAttribute("alpha", 0.25f), floatAttribute("beta", 0.5f)}).linear(3));
        MlpGraph clip = new MlpGraph(64, 3).linear(8);
        clip.node("Clip", new AttributeProto[0], clip.rawFloats("low", new int[0]), clip.rawFloats("high", new int[0]));
        ModelProto model = clip.linear(3).build(13);
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxImport.fromModel(model, Path.of("clip.onnx")));
        assertTrue(e.getMessage().startsWith("file clip.onnx: node '/clip1/Clip' (Clip): Clip with low = "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", which is no activation of NeuronKit's registry"), e.getMessage());
    }

    @Test
    void hardSigmoidWithOnnxsDefaultSlopeIsRefusedSayingWhatItComputes() {
        ModelProto model = new MlpGraph(64, 4).linear(8).node("HardSigmoid").linear(3).build(13);
        ModelFileException e = assertThrows(ModelFileException.class, () -> OnnxImport.fromModel(model, Path.of("hs.onnx")));
        assertEquals("file hs.onnx: node '/hardsigmoid1/HardSigmoid' (HardSigmoid): HardSigmoid with alpha = 0.2, beta = 0.5 computes"
                + " max(min(0.2*z + 0.5, 1), 0), which is no activation of NeuronKit's registry", e.getMessage());
    }

    private static void assertImports(String spec, MlpGraph graph) {
        ModelProto model = graph.build(13);
        ModelFile.Model imported = OnnxImport.fromModel(model, Path.of(spec + ".onnx"));
        assertEquals(spec, ((Dense) imported.network().layers().get(0)).activation().spec());
        INDArray x = Nd4j.randn(4L, new long[] {30, 64}).castTo(DataType.FLOAT);
        double difference = OnnxRuntimeRunner.maxDifference(OnnxRuntimeRunner.run(model.toByteArray(), x),
                imported.output(x).toFloatMatrix());
        assertTrue(difference <= 1e-5, spec + ": the imported network differs from ONNX Runtime by " + difference);
    }
}
