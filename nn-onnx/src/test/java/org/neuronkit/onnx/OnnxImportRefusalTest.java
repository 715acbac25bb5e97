package org.neuronkit.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import com.google.protobuf.ByteString;

import org.junit.jupiter.api.Test;
import org.neuronkit.ModelFileException;
import org.neuronkit.activation.Activations;
import org.neuronkit.loss.Losses;
import org.neuronkit.network.Network;
import org.neuronkit.onnx.proto.Onnx.AttributeProto;
import org.neuronkit.onnx.proto.Onnx.GraphProto;
import org.neuronkit.onnx.proto.Onnx.ModelProto;
import org.neuronkit.onnx.proto.Onnx.NodeProto;
import org.neuronkit.onnx.proto.Onnx.TensorProto;

/**
 * Damaged graphs that once escaped the importer as another exception (the hostile-input probe of
 * issue #24) are refused with a {@link ModelFileException} whose message names the node or the
 * initializer; so are weights that are not finite.
 */
class OnnxImportRefusalTest {

    /** Gemm(64 → 8) → Relu → Gemm(8 → 3), PyTorch's layout. */
    private static ModelProto mlp() {
        return new MlpGraph(64, 21).linear(8).node("Relu").linear(3).build(13);
    }

    private static ModelProto withGraph(ModelProto model, GraphProto.Builder graph) {
        return model.toBuilder().setGraph(graph).build();
    }

    private static String refusal(ModelProto model) {
        return assertThrows(ModelFileException.class, () -> OnnxImport.fromModel(model, Path.of("m.onnx"))).getMessage();
    }

    @Test
    void aLastNodeWithoutOutputsIsNamed() {
        ModelProto model = mlp();
        GraphProto.Builder graph = model.getGraph().toBuilder();
        graph.getNodeBuilder(graph.getNodeCount() - 1).clearOutput();
        assertEquals("file m.onnx: node '/gemm2/Gemm' (Gemm) has no outputs", refusal(withGraph(model, graph)));
    }

    @Test
    void aConstantNodeWithoutOutputsIsNamed() {
        ModelProto model = mlp();
        TensorProto value = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addFloatData(1).build();
        GraphProto.Builder graph = model.getGraph().toBuilder().addNode(0, NodeProto.newBuilder().setName("c").setOpType("Constant")
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(value)));
        assertEquals("file m.onnx: node 'c' (Constant) has no outputs", refusal(withGraph(model, graph)));
    }

    @Test
    void anEmptyWeightIsNamed() {
        ModelProto model = mlp();
        GraphProto.Builder graph = model.getGraph().toBuilder();
        graph.getInitializerBuilder(0).clearDims().addDims(0).addDims(64).setRawData(ByteString.EMPTY);
        assertEquals("file m.onnx: node '/gemm0/Gemm' (Gemm): weight 'fc0.weight' has the shape [0, 64]; a layer needs at least"
                + " one input and one output", refusal(withGraph(model, graph)));
    }

    @Test
    void aNonFiniteWeightIsNamed() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            ModelProto model = mlp();
            GraphProto.Builder graph = model.getGraph().toBuilder();
            TensorProto.Builder bias = graph.getInitializerBuilder(3);
            ByteBuffer raw = ByteBuffer.allocate(bias.getRawData().size()).order(ByteOrder.LITTLE_ENDIAN);
            bias.getRawData().copyTo(raw);
            raw.putFloat(4 * 2, bad);
            bias.setRawData(ByteString.copyFrom(raw.array()));
            assertEquals("file m.onnx: node '/gemm2/Gemm' (Gemm): bias 'fc2.bias' holds " + bad + " at index 2; NeuronKit imports"
                    + " finite weights only", refusal(withGraph(model, graph)));
        }
    }

    @Test
    void aWeightWhoseOutputsOverflowIsRefusedAsTheModelFileWouldBe() {
        ModelProto model = mlp();
        GraphProto.Builder graph = model.getGraph().toBuilder();
        TensorProto.Builder weight = graph.getInitializerBuilder(0);
        ByteBuffer raw = ByteBuffer.allocate(weight.getRawData().size()).order(ByteOrder.LITTLE_ENDIAN);
        weight.getRawData().copyTo(raw);
        raw.putFloat(0, 3e38f);
        weight.setRawData(ByteString.copyFrom(raw.array()));
        String message = refusal(withGraph(model, graph));
        assertTrue(message.startsWith("file m.onnx: the imported model is refused as its model file would be: ")
                && message.contains("not finite"), message);
    }

    /** A NeuronKit export: 64 → dense(8, relu) → softmax over 3, standardised inputs. */
    private static ModelProto exported() {
        Network network = OnnxExportTest.randomised(Network.builder(64).dense(8, Activations.relu())
                .output(3, Losses.softmaxCrossEntropy()).build());
        return OnnxExport.toModel(network, null);
    }

    @Test
    void aGraphEditedAfterExportIsRefusedNamingTheNode() {
        ModelProto model = exported();
        GraphProto.Builder graph = model.getGraph().toBuilder();
        graph.getNodeBuilder(1).setOpType("Tanh");
        assertEquals("file m.onnx: the graph is not the one its NeuronKit record (metadata 'neuronkit.architecture') describes:"
                + " node 2 is node 'layers.0/Relu' (Tanh), the record gives node 'layers.0/Relu' (Relu); without that metadata it"
                + " would be imported by its ops", refusal(withGraph(model, graph)));
    }

    @Test
    void aRecordOfMoreParametersThanTheGraphHoldsIsRefusedBeforeAllocating() {
        ModelProto model = exported();
        String architecture = NeuronKitMetadata.get(model, NeuronKitMetadata.ARCHITECTURE).replace("\"units\":8", "\"units\":200000");
        ModelProto.Builder edited = model.toBuilder();
        edited.getMetadataPropsBuilder(0).setValue(architecture);
        String message = refusal(edited.build());
        assertEquals("file m.onnx: the architecture has 13,600,003 parameters, the file's layer tensors hold 547 values", message);
    }
}
